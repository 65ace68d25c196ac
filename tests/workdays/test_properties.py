"""Properties of the engine over random calendars, checked against the day-by-day oracle."""

from datetime import date, datetime, time, timedelta
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from motcua.workdays.engine import (
    CALENDAR_DAYS,
    UNITS,
    VIETNAM_TZ,
    WORKING_DAYS,
    WORKING_HOURS,
    Calendar,
    CalendarError,
    due,
    elapsed,
)
from motcua.workdays.reference import reference_due, reference_elapsed, reference_sessions

FIRST, LAST = 2024, 2026
EXAMPLES = settings(max_examples=60, deadline=None)


@st.composite
def calendars(draw):
    weekly = {}
    for weekday in range(7):
        cuts = draw(st.lists(st.integers(0, 24 * 60 - 1), max_size=6, unique=True))
        cuts = sorted(cuts)[: len(cuts) // 2 * 2]
        weekly[weekday] = [
            (time(a // 60, a % 60), time(b // 60, b % 60))
            for a, b in zip(cuts[::2], cuts[1::2], strict=True)
        ]
    if not any(weekly.values()):
        weekly[draw(st.integers(0, 6))] = [(time(7), time(11, 30)), (time(13, 30), time(17))]
    overrides = draw(
        st.dictionaries(st.dates(date(FIRST, 1, 1), date(LAST, 12, 31)), st.booleans(), max_size=25)
    )
    return Calendar(weekly, overrides, first_year=FIRST, last_year=LAST)


starts = st.datetimes(
    min_value=datetime(FIRST, 1, 1),
    max_value=datetime(FIRST + 1, 6, 30),
    timezones=st.just(VIETNAM_TZ),
)
cutoffs = st.none() | st.times()


@st.composite
def working_quantity(draw, calendar):
    """(unit, quantity) of working time: minutes as exact fractions of hours, or days."""
    if draw(st.booleans()):
        return WORKING_HOURS, Fraction(draw(st.integers(1, 60 * 200)), 60)
    return WORKING_DAYS, Fraction(draw(st.integers(1, 40)), draw(st.sampled_from([1, 2, 4])))


def within_range(compute):
    """Run `compute`; discard the example when its deadline leaves the random calendar."""
    try:
        return compute()
    except CalendarError as error:
        assume("end of the calendar" not in str(error))
        raise


def as_working_time(unit, quantity, calendar):
    hours = (
        quantity if unit == WORKING_HOURS else quantity * Fraction(calendar.day_us, 3_600_000_000)
    )
    return timedelta(microseconds=round(hours * 3_600_000_000))


@EXAMPLES
@given(data=st.data(), calendar=calendars(), start=starts, cutoff=cutoffs)
def test_due_agrees_with_the_day_by_day_oracle(data, calendar, start, cutoff):
    unit = data.draw(st.sampled_from(UNITS))
    if unit == CALENDAR_DAYS:
        quantity = data.draw(st.integers(0, 60))
    else:
        unit, quantity = data.draw(working_quantity(calendar))
        quantity = data.draw(st.sampled_from([quantity, 0]))
    fast = within_range(lambda: due(start, quantity, unit, calendar, cutoff=cutoff))
    assert fast == reference_due(start, quantity, unit, calendar, cutoff=cutoff)


@EXAMPLES
@given(calendar=calendars(), start=starts, end=starts)
def test_elapsed_agrees_with_the_day_by_day_oracle(calendar, start, end):
    start, end = min(start, end), max(start, end)
    assert elapsed(start, end, calendar) == reference_elapsed(start, end, calendar)


@EXAMPLES
@given(data=st.data(), calendar=calendars(), start=starts, cutoff=cutoffs)
def test_the_due_moment_is_never_in_non_working_time(data, calendar, start, cutoff):
    unit = data.draw(st.sampled_from(UNITS))
    quantity = data.draw(st.integers(1, 30))
    moment = within_range(lambda: due(start, quantity, unit, calendar, cutoff=cutoff))
    local = moment.astimezone(VIETNAM_TZ)
    sessions = reference_sessions(local.date(), calendar)
    assert any(begin < local.time() <= end for begin, end in sessions)


@EXAMPLES
@given(data=st.data(), calendar=calendars(), start=starts)
def test_elapsed_working_time_to_the_due_moment_is_the_quantity(data, calendar, start):
    unit, quantity = data.draw(working_quantity(calendar))
    moment = within_range(lambda: due(start, quantity, unit, calendar))
    assert elapsed(start, moment, calendar) == as_working_time(unit, quantity, calendar)


@EXAMPLES
@given(data=st.data(), calendar=calendars(), start=starts)
def test_due_of_a_due_adds_up(data, calendar, start):
    unit, a = data.draw(working_quantity(calendar))
    b = data.draw(st.integers(1, 20)) * (Fraction(1, 2) if unit == WORKING_DAYS else 1)
    chained = within_range(lambda: due(due(start, a, unit, calendar), b, unit, calendar))
    assert chained == due(start, a + b, unit, calendar)


@EXAMPLES
@given(data=st.data(), calendar=calendars(), first=starts, second=starts, cutoff=cutoffs)
def test_due_is_monotonic_in_start_and_quantity(data, calendar, first, second, cutoff):
    unit = data.draw(st.sampled_from(UNITS))
    small, large = sorted(data.draw(st.lists(st.integers(0, 30), min_size=2, max_size=2)))
    early, late = min(first, second), max(first, second)

    def at(start, quantity):
        return within_range(lambda: due(start, quantity, unit, calendar, cutoff=cutoff))

    assert at(early, small) <= at(late, small)
    assert at(early, small) <= at(early, large)


@EXAMPLES
@given(data=st.data(), calendar=calendars(), start=starts)
def test_pauses_push_the_deadline_back_by_their_working_time(data, calendar, start):
    unit, quantity = data.draw(working_quantity(calendar))
    pauses = []
    for _ in range(data.draw(st.integers(1, 4))):
        begin = start + timedelta(minutes=data.draw(st.integers(-3000, 60_000)))
        pauses.append((begin, begin + timedelta(minutes=data.draw(st.integers(0, 20_000)))))
    paused = within_range(lambda: due(start, quantity, unit, calendar, pauses=pauses))
    worked = as_working_time(unit, quantity, calendar)
    assert elapsed(start, paused, calendar, pauses=pauses) == worked
    assert paused >= due(start, quantity, unit, calendar)
    # Equivalently: the plain deadline of the quantity plus the working time paused.
    paused_time = elapsed(start, paused, calendar) - elapsed(start, paused, calendar, pauses=pauses)
    hours = Fraction((worked + paused_time) // timedelta(microseconds=1), 3_600_000_000)
    assert paused == due(start, hours, WORKING_HOURS, calendar)
    assert due(start, quantity, unit, calendar, pauses=pauses + pauses) == paused


@settings(max_examples=40, deadline=None)
@given(
    calendar=calendars(),
    start=starts,
    quantity=st.integers(-1000, -1) | st.floats(max_value=-1e-9, allow_infinity=False),
)
def test_negative_quantities_are_refused_for_every_unit(calendar, start, quantity):
    for unit in UNITS:
        with pytest.raises(CalendarError, match="negative"):
            due(start, quantity, unit, calendar)
