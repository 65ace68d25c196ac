from django.db import migrations


def seed(apps, schema_editor):
    from motcua.printing.shipped import seed_templates

    seed_templates(apps.get_model("printing", "FormTemplate"))


class Migration(migrations.Migration):
    dependencies = [("printing", "0002_seed_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
