from django.db import migrations


def seed(apps, schema_editor):
    from motcua.rules.seed import seed_rule_sets

    seed_rule_sets(apps.get_model("rules", "RuleSet"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
