from django.db import migrations

from motcua.reports.seed import seed_metrics


def seed(apps, schema_editor):
    seed_metrics(apps.get_model("reports", "IndexMetric"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
