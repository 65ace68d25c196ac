from django.db import migrations


def seed(apps, schema_editor):
    from motcua.notify.shipped import seed_templates

    seed_templates(apps.get_model("notify", "MessageTemplate"))


class Migration(migrations.Migration):
    dependencies = [("notify", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
