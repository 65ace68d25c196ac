"""Seed the official holidays 2020-2035, the arrangements file and the default sessions."""

from uuid import uuid4

from django.db import migrations


def seed(apps, schema_editor):
    from motcua.workdays.engine import FIRST_YEAR, LAST_YEAR
    from motcua.workdays.services import seed as seed_rows

    seed_rows(
        apps.get_model("workdays", "CalendarDay"),
        apps.get_model("workdays", "WorkingSession"),
        range(FIRST_YEAR, LAST_YEAR + 1),
    )
    apps.get_model("workdays", "CalendarRevision").objects.update_or_create(
        pk=1, defaults={"token": uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
