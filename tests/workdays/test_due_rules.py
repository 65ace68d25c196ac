"""The deadline rules: sessions, start outside hours, cut-off, calendar days, pauses."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from motcua.workdays.engine import (
    CALENDAR_DAYS,
    EARLY,
    LATE,
    ON_TIME,
    OVERDUE,
    VIETNAM_TZ,
    WITHIN,
    WORKING_DAYS,
    WORKING_HOURS,
    Calendar,
    classify,
    due,
    elapsed,
    open_status,
)


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


plain = Calendar()  # Monday to Friday, 07:00-11:30 and 13:30-17:00, no holidays


def test_default_sessions_make_an_eight_hour_working_day():
    assert plain.hours_per_day == 8
    assert plain.working_day == timedelta(hours=8)


def test_the_lunch_break_is_not_working_time():
    assert due(vn(2025, 1, 6, 11), 1, WORKING_HOURS, plain) == vn(2025, 1, 6, 14)


def test_a_start_outside_working_hours_counts_from_the_next_session():
    assert due(vn(2025, 1, 10, 18), 1, WORKING_HOURS, plain) == vn(2025, 1, 13, 8)
    assert due(vn(2025, 1, 11, 10), 1, WORKING_HOURS, plain) == vn(2025, 1, 13, 8)
    assert due(vn(2025, 1, 6, 12), 1, WORKING_HOURS, plain) == vn(2025, 1, 6, 14, 30)
    assert due(vn(2025, 1, 6, 5), 1, WORKING_DAYS, plain) == vn(2025, 1, 6, 17)


def test_a_period_ending_at_a_session_end_is_due_at_that_end():
    assert due(vn(2025, 1, 10, 9), 6, WORKING_HOURS, plain) == vn(2025, 1, 10, 17)
    assert due(vn(2025, 1, 6, 7), Decimal("4.5"), WORKING_HOURS, plain) == vn(2025, 1, 6, 11, 30)


def test_fractional_quantities_are_exact():
    assert due(vn(2025, 1, 6, 7), Decimal("0.5"), WORKING_DAYS, plain) == vn(2025, 1, 6, 11)
    assert due(vn(2025, 1, 6, 7), Fraction(1, 3), WORKING_HOURS, plain) == vn(2025, 1, 6, 7, 20)
    assert due(vn(2025, 1, 6, 7), 0.25, WORKING_HOURS, plain) == vn(2025, 1, 6, 7, 15)


def test_zero_working_days_is_due_at_the_end_of_the_same_working_day():
    assert due(vn(2025, 1, 6, 9), 0, WORKING_DAYS, plain) == vn(2025, 1, 6, 17)
    assert due(vn(2025, 1, 10, 17, 30), 0, WORKING_DAYS, plain) == vn(2025, 1, 13, 17)


def test_zero_working_hours_is_the_start_moved_into_working_time():
    assert due(vn(2025, 1, 6, 9), 0, WORKING_HOURS, plain) == vn(2025, 1, 6, 9)
    assert due(vn(2025, 1, 6, 12), 0, WORKING_HOURS, plain) == vn(2025, 1, 6, 13, 30)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (vn(2025, 1, 6, 14, 59), vn(2025, 1, 6, 17)),
        (vn(2025, 1, 6, 15, 0), vn(2025, 1, 6, 17)),
        (vn(2025, 1, 6, 15, 1), vn(2025, 1, 7, 17)),
        (vn(2025, 1, 10, 16), vn(2025, 1, 13, 17)),
        (vn(2025, 1, 11, 16), vn(2025, 1, 13, 17)),
    ],
    ids=lambda value: value.strftime("%a %H:%M"),
)
def test_same_day_procedure_received_after_the_cutoff_is_due_the_next_working_day(
    received, expected
):
    assert due(received, 0, WORKING_DAYS, plain, cutoff=time(15)) == expected


def test_the_cutoff_skips_the_official_days_off(official):
    friday_before_tet = vn(2025, 1, 24, 15, 30)
    assert due(friday_before_tet, 0, WORKING_DAYS, official, cutoff=time(15)) == vn(2025, 2, 3, 17)


def test_after_the_cutoff_a_working_day_period_starts_on_the_next_working_day():
    assert due(vn(2025, 1, 6, 16), 1, WORKING_DAYS, plain, cutoff=time(15)) == vn(2025, 1, 7, 17)
    assert due(vn(2025, 1, 6, 16), 1, WORKING_DAYS, plain) == vn(2025, 1, 7, 16)


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # The day of receipt is not counted: Monday + 3 days ends on Thursday.
        (vn(2025, 1, 6, 10), 3, vn(2025, 1, 9, 17)),
        # The last day is a Saturday: the period ends at the end of Monday.
        (vn(2025, 1, 8, 10), 3, vn(2025, 1, 13, 17)),
        # Received on a Sunday: counts from Monday's session, so Monday is the day of receipt.
        (vn(2025, 1, 12, 10), 1, vn(2025, 1, 14, 17)),
    ],
)
def test_calendar_days_follow_civil_code_articles_147_and_148(received, days, expected):
    assert due(received, days, CALENDAR_DAYS, plain) == expected


def test_calendar_days_ending_in_tet_end_after_tet(official):
    assert due(vn(2025, 1, 24, 9), 5, CALENDAR_DAYS, official) == vn(2025, 2, 3, 17)
    assert due(vn(2025, 1, 24, 9), 15, CALENDAR_DAYS, official) == vn(2025, 2, 10, 17)


def test_an_agency_may_set_its_own_sessions():
    saturday_mornings = Calendar({**plain.weekly, 5: [(time(7, 30), time(11, 30))]})
    assert due(vn(2025, 1, 10, 16), 2, WORKING_HOURS, saturday_mornings) == vn(2025, 1, 11, 8, 30)
    # One working day is still a standard Monday: 8 hours.
    assert saturday_mornings.hours_per_day == 8


def test_a_swapped_saturday_works_the_sessions_of_monday():
    short_monday = Calendar(
        {0: [(time(8), time(12))], 1: [(time(7), time(17))]}, {date(2025, 1, 11): True}
    )
    assert short_monday.sessions_on(date(2025, 1, 11)) == ((time(8), time(12)),)
    assert short_monday.hours_per_day == 4


def test_a_start_in_another_time_zone_is_read_as_the_same_instant():
    utc_start = datetime(2025, 1, 6, 2, tzinfo=UTC)  # 09:00 in Viet Nam
    result = due(utc_start, 2, WORKING_HOURS, plain)
    assert result == vn(2025, 1, 6, 11)
    assert result.tzinfo is VIETNAM_TZ


def test_supplement_pause_pushes_the_deadline_back():
    start = vn(2025, 1, 6, 9)
    assert due(start, 3, WORKING_DAYS, plain) == vn(2025, 1, 9, 9)
    waiting = (vn(2025, 1, 7, 9), vn(2025, 1, 8, 9))  # 8 working hours
    assert due(start, 3, WORKING_DAYS, plain, pauses=[waiting]) == vn(2025, 1, 10, 9)


def test_a_pause_over_a_weekend_pushes_back_only_its_working_time():
    waiting = (vn(2025, 1, 10, 16), vn(2025, 1, 13, 8))  # Friday 16:00 to Monday 08:00: 2 h
    assert due(vn(2025, 1, 10, 9), 1, WORKING_DAYS, plain, pauses=[waiting]) == vn(2025, 1, 13, 11)


def test_overlapping_pauses_are_not_subtracted_twice():
    start = vn(2025, 1, 6, 9)
    one = (vn(2025, 1, 7, 9), vn(2025, 1, 7, 15))
    two = (vn(2025, 1, 7, 14), vn(2025, 1, 8, 9))
    merged = (vn(2025, 1, 7, 9), vn(2025, 1, 8, 9))
    assert due(start, 3, WORKING_DAYS, plain, pauses=[two, one, one]) == due(
        start, 3, WORKING_DAYS, plain, pauses=[merged]
    )
    assert elapsed(start, vn(2025, 1, 9, 9), plain, pauses=[one, two]) == timedelta(hours=16)


def test_pauses_after_the_deadline_or_before_the_start_change_nothing():
    start = vn(2025, 1, 6, 9)
    later = (vn(2025, 1, 9, 9), vn(2025, 1, 10, 9))
    before = (vn(2025, 1, 3, 9), vn(2025, 1, 6, 9))
    assert due(start, 3, WORKING_DAYS, plain, pauses=[later, before]) == vn(2025, 1, 9, 9)


def test_a_same_day_deadline_is_pushed_back_by_a_pause_too():
    pause = (vn(2025, 1, 6, 10), vn(2025, 1, 6, 11))
    assert due(vn(2025, 1, 6, 9), 0, WORKING_DAYS, plain, pauses=[pause]) == vn(2025, 1, 7, 8)


def test_elapsed_counts_working_time_only():
    assert elapsed(vn(2025, 1, 10, 16), vn(2025, 1, 13, 8), plain) == timedelta(hours=2)
    assert elapsed(vn(2025, 1, 11, 8), vn(2025, 1, 11, 9), plain) == timedelta(0)


@pytest.mark.parametrize(
    ("finished", "outcome"),
    [
        (vn(2025, 2, 1, 9), EARLY),
        (vn(2025, 1, 31, 16), EARLY),
        (vn(2025, 2, 3, 7), ON_TIME),
        (vn(2025, 2, 3, 9), ON_TIME),
        (vn(2025, 2, 3, 9, 0, 1), LATE),
        (vn(2025, 2, 4, 8), LATE),
    ],
)
def test_finished_dossiers_are_early_on_time_or_late(finished, outcome):
    assert classify(vn(2025, 2, 3, 9), finished, plain) == outcome


def test_the_due_date_is_read_in_viet_nam_even_for_utc_moments():
    due_at = vn(2025, 2, 3, 9)
    finished = datetime(2025, 2, 2, 23, 30, tzinfo=UTC)  # 06:30 on 3/2 in Viet Nam
    assert classify(due_at, finished, plain) == ON_TIME


def test_open_dossiers_are_within_the_deadline_or_overdue():
    due_at = vn(2025, 2, 3, 9)
    assert open_status(due_at, vn(2025, 2, 3, 9)) == WITHIN
    assert open_status(due_at, vn(2025, 2, 3, 9, 1)) == OVERDUE
