"""Every function refuses nonsense with a clear CalendarError (a ValueError)."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from motcua.workdays.engine import (
    VIETNAM_TZ,
    WORKING_DAYS,
    WORKING_HOURS,
    Calendar,
    CalendarError,
    classify,
    due,
    elapsed,
    open_status,
)

plain = Calendar()
LAST = plain.last_year
start = datetime(2025, 1, 6, 9, tzinfo=VIETNAM_TZ)
naive = datetime(2025, 1, 6, 9)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: due(start, -1, WORKING_DAYS, plain), "must not be negative"),
        (lambda: due(start, Decimal("-0.5"), WORKING_HOURS, plain), "must not be negative"),
        (lambda: due(start, float("nan"), WORKING_HOURS, plain), "finite"),
        (lambda: due(start, float("inf"), WORKING_HOURS, plain), "finite"),
        (lambda: due(start, "3", WORKING_DAYS, plain), "must be a number"),
        (lambda: due(start, True, WORKING_DAYS, plain), "must be a number"),
        (lambda: due(start, 1, "weeks", plain), "unknown unit 'weeks'"),
        (lambda: due(start, 1.5, "calendar_days", plain), "whole number"),
        (lambda: due(naive, 1, WORKING_DAYS, plain), "timezone-aware"),
        (lambda: due(date(2025, 1, 6), 1, WORKING_DAYS, plain), "must be a datetime"),
        (lambda: due(start, 1, WORKING_DAYS, plain, cutoff="15:00"), "cutoff must be"),
        (lambda: due(start.replace(year=2019), 1, WORKING_DAYS, plain), "outside the calendar"),
        (
            lambda: due(start.replace(year=LAST, month=12, day=31), 5, WORKING_DAYS, plain),
            "after the end",
        ),
        (lambda: due(start, 1, WORKING_DAYS, plain, pauses=[(start, None)]), "must have an end"),
        (lambda: due(start, 1, WORKING_DAYS, plain, pauses=[start]), "pair"),
        (lambda: due(start, 1, WORKING_DAYS, plain, pauses=[(start, naive)]), "timezone-aware"),
        (
            lambda: due(start, 1, WORKING_DAYS, plain, pauses=[(start, start.replace(hour=8))]),
            "before it starts",
        ),
        (lambda: elapsed(start, naive, plain), "timezone-aware"),
        (lambda: elapsed(start, start.replace(day=5), plain), "before start"),
        (lambda: classify(start, naive, plain), "timezone-aware"),
        (lambda: open_status(naive, start), "timezone-aware"),
        (lambda: Calendar({0: [(time(12), time(8))]}), "end after it starts"),
        (lambda: Calendar({0: [(time(8), time(12)), (time(11), time(13))]}), "overlap"),
        (lambda: Calendar({7: [(time(8), time(12))]}), "weekday must be"),
        (lambda: Calendar({}), "no working time"),
        (lambda: Calendar(overrides={"2025-01-01": False}), "must be dates"),
        (lambda: Calendar(overrides={date(2025, 1, 1): 0}), "True or False"),
        (lambda: Calendar(first_year=2030, last_year=2020), "invalid year range"),
        (lambda: plain.is_working_day(date(LAST + 1, 1, 1)), "outside the calendar"),
    ],
)
def test_nonsense_is_refused_with_a_clear_message(call, message):
    with pytest.raises(CalendarError, match=message):
        call()


def test_calendar_errors_are_value_errors():
    assert issubclass(CalendarError, ValueError)
