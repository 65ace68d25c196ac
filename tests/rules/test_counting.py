"""Where a period of working days ends: same moment (2018 set) or end of day (2025 set)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from support import vn

from motcua.workdays import engine

pytestmark = pytest.mark.django_db
CALENDAR = engine.Calendar()


def test_three_working_days_from_monday_nine_end_thursday_nine_or_at_the_close():
    monday = vn(2025, 3, 3, 9)
    same = engine.due(monday, 3, engine.WORKING_DAYS, CALENDAR)
    end = engine.due(monday, 3, engine.WORKING_DAYS, CALENDAR, counting=engine.END_OF_DAY)

    assert (same, end) == (vn(2025, 3, 6, 9), vn(2025, 3, 6, 17))
    # The reviewer's dossier, returned Thursday 16:00: late one way, on time the other.
    returned = vn(2025, 3, 6, 16)
    assert engine.classify(same, returned, CALENDAR) == engine.LATE
    assert engine.classify(end, returned, CALENDAR) == engine.ON_TIME


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (vn(2025, 3, 3, 18), vn(2025, 3, 6, 17)),  # after hours: the same day of receipt
        (vn(2025, 3, 1, 10), vn(2025, 3, 5, 17)),  # Saturday: Monday is the first day
        (vn(2025, 4, 25, 9), vn(2025, 4, 29, 17)),  # Sat 26/04 is a working day: Sat, Mon, Tue
    ],
)
def test_end_of_day_counts_whole_working_days_after_the_day_of_receipt(start, due):
    calendar = engine.Calendar(overrides={vn(2025, 4, 26).date(): True})

    assert engine.due(start, 3, engine.WORKING_DAYS, calendar, counting="end_of_day") == due


def test_end_of_day_pushes_a_pause_to_the_close_of_the_day_it_ends_in():
    pause = (vn(2025, 3, 4, 9), vn(2025, 3, 4, 11))

    due = engine.due(
        vn(2025, 3, 3, 9), 3, engine.WORKING_DAYS, CALENDAR, pauses=[pause], counting="end_of_day"
    )

    assert due == vn(2025, 3, 7, 17)


def test_an_unknown_counting_is_refused():
    with pytest.raises(engine.CalendarError, match="unknown counting 'noon'"):
        engine.due(vn(2025, 3, 3, 9), 1, engine.WORKING_DAYS, CALENDAR, counting="noon")


def deadline(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("start", "counting", "expected"),
    [
        ("2025-03-03T09:00", None, "2025-03-06T09:00:00+07:00"),  # 2018 set
        ("2025-07-07T09:00", None, "2025-07-10T17:00:00+07:00"),  # 2025 set
        ("2025-07-07T09:00", "same_moment", "2025-07-10T09:00:00+07:00"),
        ("2025-03-03T09:00", "end_of_day", "2025-03-06T17:00:00+07:00"),
    ],
)
def test_the_deadline_command_takes_a_counting_or_the_set_in_force(start, counting, expected):
    args = [f"--start={start}", "--quantity=3", "--unit=working_days"]
    if counting:
        args.append(f"--counting={counting}")

    assert deadline(*args) == expected


def test_the_deadline_command_refuses_an_unknown_counting():
    with pytest.raises(CommandError, match="invalid choice"):
        deadline("--start=2025-03-03T09:00", "--quantity=3", "--unit=working_days", "--counting=x")


def test_a_dossier_received_under_the_2025_set_is_due_at_the_close_of_its_last_day(receive, staff):
    dossier = receive(at=vn(2025, 7, 7, 9))

    assert dossier.due_at == vn(2025, 7, 10, 17)
    assert dossier.procedure_version.data["time_quantity"] in (3, "3", Decimal(3), 3.0)


def test_a_dossier_received_under_the_2018_set_keeps_the_same_moment(receive):
    dossier = receive(at=vn(2025, 3, 3, 9))

    assert dossier.due_at == vn(2025, 3, 6, 9)
