"""The calendar has no end date: it reaches 20 years past today and grows as time passes."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from support import VN

from motcua.workdays import engine
from motcua.workdays.loader import calendar_for
from motcua.workdays.models import CalendarDay


def test_the_horizon_is_twenty_years_ahead():
    assert engine.horizon_year(date(2026, 11, 30)) == 2046
    assert engine.Calendar().last_year == date.today().year + 20


@pytest.mark.django_db
@time_machine.travel(datetime(2040, 4, 27, 9, 30, tzinfo=VN), tick=False)
def test_in_2040_dossiers_get_deadlines_and_the_calendar_knows_the_year(receive):
    """A database installed years ago (seeded to its horizon then) still works in 2040:
    the missing years are seeded with their official days when first needed."""
    CalendarDay.objects.filter(date__year__gt=2035).delete()
    calendar = calendar_for(None)
    assert calendar.last_year == 2060
    assert not calendar.is_working_day(date(2040, 4, 30))  # Ngày Giải phóng miền Nam
    assert not calendar.is_working_day(date(2040, 5, 1))  # Quốc tế Lao động
    assert CalendarDay.objects.filter(date__year=2060).exists()

    dossier = receive(at=None)  # now, in 2040
    assert dossier.received_at.year == 2040
    # Friday 27/04/2040 + 3 working days, over the weekend and the two holidays; the 2025
    # rule set ends a period at the close of its last working day (docs/decisions/0061).
    assert dossier.due_at.astimezone(VN) == datetime(2040, 5, 4, 17, 0, tzinfo=VN)

    assert Client().get("/calendar/2040/").status_code == 200
    assert Client().get("/calendar/2060/").status_code == 200
    assert Client().get("/calendar/2061/").status_code == 404
