"""Seed the official holidays from 2020 to the calendar's horizon (20 years ahead), the
arrangements file and the default sessions."""

from uuid import uuid4

from django.db import migrations


def seed(apps, schema_editor):
    # Up to the horizon of the day it runs; later years are seeded as the horizon reaches
    # them (`services.seed_missing_years`).
    from motcua.workdays.services import calendar_years
    from motcua.workdays.services import seed as seed_rows

    seed_rows(
        apps.get_model("workdays", "CalendarDay"),
        apps.get_model("workdays", "WorkingSession"),
        calendar_years(),
    )
    apps.get_model("workdays", "CalendarRevision").objects.update_or_create(
        pk=1, defaults={"token": uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
