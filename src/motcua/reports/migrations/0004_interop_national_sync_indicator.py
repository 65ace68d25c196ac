from django.db import migrations


def compute_indicator_1_4(apps, schema_editor):
    """Indicator 1.4 (status synchronised with the national portal) is computed from the
    reconciliations from now on, no longer entered by hand."""
    IndexMetric = apps.get_model("reports", "IndexMetric")
    IndexMetric.objects.filter(code="1.4", source="manual").update(source="national_sync")


def enter_indicator_1_4(apps, schema_editor):
    IndexMetric = apps.get_model("reports", "IndexMetric")
    IndexMetric.objects.filter(code="1.4", source="national_sync").update(source="manual")


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_feedback_index_sources")]

    operations = [migrations.RunPython(compute_indicator_1_4, enter_indicator_1_4)]
