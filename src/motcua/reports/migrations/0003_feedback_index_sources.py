from django.db import migrations

from motcua.reports.seed import seed_metrics


def seed(apps, schema_editor):
    seed_metrics(apps.get_model("reports", "IndexMetric"))


class Migration(migrations.Migration):
    """Metrics 5.1 and 5.2 of Decision 766 are now computed from the feedback records."""

    dependencies = [("reports", "0002_seed_index_metrics")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
