from django.db import migrations


def seed(apps, schema_editor):
    from motcua.eoffice.seed import seed_document_types

    seed_document_types(apps.get_model("eoffice", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("eoffice", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
