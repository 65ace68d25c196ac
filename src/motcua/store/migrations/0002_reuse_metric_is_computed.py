"""Metric 6.4 of the service index (reuse of digitised data) is now computed from the store:
re-read the metrics' data file so existing installations get its new source."""

from django.db import migrations


def reseed(apps, schema_editor):
    from motcua.reports.seed import seed_metrics

    seed_metrics(apps.get_model("reports", "IndexMetric"))


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0001_initial"),
        ("reports", "0004_interop_national_sync_indicator"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
