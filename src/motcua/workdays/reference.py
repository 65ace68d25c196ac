"""The slow oracle: deadlines computed day by day, the way a person counts on a calendar.

It reads only a `Calendar`'s inputs (weekly sessions, overrides, time zone), never its
compiled prefix sums, so the property tests can check `engine.due` and `engine.elapsed`
against it, and `bench/workdays_bench.py` measures how much the prefix sums gain. It takes
no pauses. Do not use it in production code: it loops over every day of the period.

>>> from motcua.workdays.engine import VIETNAM_TZ, Calendar
>>> reference_due(datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ), 3, "working_hours", Calendar())
datetime.datetime(2025, 1, 24, 14, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Ho_Chi_Minh'))
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from fractions import Fraction

from .engine import CALENDAR_DAYS, WORKING_DAYS, WORKING_HOURS, Calendar, CalendarError


def reference_sessions(day: date, calendar: Calendar) -> tuple[tuple[time, time], ...]:
    """Working sessions of `day`: the weekday's, unless an override says otherwise."""
    weekly = calendar.weekly
    working = calendar.overrides.get(day)
    if working is False:
        return ()
    if working is True and not weekly.get(day.weekday()):
        first = min(weekday for weekday in weekly if weekly[weekday])
        return weekly[first]
    return weekly.get(day.weekday(), ())


def reference_due(
    start: datetime, quantity, unit: str, calendar: Calendar, *, cutoff: time | None = None
) -> datetime:
    """`engine.due` without pauses, by walking the calendar one day at a time."""
    local = start.astimezone(calendar.tz).replace(tzinfo=None)
    if cutoff is not None and local.time() > cutoff and _sessions(local.date(), calendar):
        local = datetime.combine(local.date() + timedelta(days=1), time(0))

    if unit == CALENDAR_DAYS:
        received = _first_working(local, calendar).date()
        last = received + timedelta(days=int(quantity))
        while not _sessions(last, calendar):
            last += timedelta(days=1)
        return _aware(datetime.combine(last, _sessions(last, calendar)[-1][1]), calendar)

    if unit == WORKING_DAYS and quantity == 0:
        day = _first_working(local, calendar).date()
        return _aware(datetime.combine(day, _sessions(day, calendar)[-1][1]), calendar)

    hours = Fraction(quantity) * (calendar.day_us / 3_600_000_000 if unit == WORKING_DAYS else 1)
    remaining = timedelta(microseconds=round(hours * 3_600_000_000))
    if unit not in (WORKING_HOURS, WORKING_DAYS):
        raise CalendarError(f"unknown unit {unit!r}")
    day, now = local.date(), local
    while True:
        for begin, end in _sessions(day, calendar):
            begin, end = datetime.combine(day, begin), datetime.combine(day, end)
            begin = max(begin, now)
            if begin >= end:
                continue
            if remaining <= end - begin:
                return _aware(begin + remaining, calendar)
            remaining -= end - begin
        day += timedelta(days=1)
        now = datetime.combine(day, time(0))


def reference_elapsed(start: datetime, end: datetime, calendar: Calendar) -> timedelta:
    """`engine.elapsed` without pauses: the overlap of [start, end] with every session."""
    low = start.astimezone(calendar.tz).replace(tzinfo=None)
    high = end.astimezone(calendar.tz).replace(tzinfo=None)
    total = timedelta(0)
    day = low.date()
    while day <= high.date():
        for begin, finish in _sessions(day, calendar):
            overlap = min(datetime.combine(day, finish), high) - max(
                datetime.combine(day, begin), low
            )
            total += max(overlap, timedelta(0))
        day += timedelta(days=1)
    return total


def _sessions(day: date, calendar: Calendar) -> tuple[tuple[time, time], ...]:
    if not calendar.first_day <= day <= calendar.last_day:
        raise CalendarError(f"{day} is outside the calendar")
    return reference_sessions(day, calendar)


def _first_working(local: datetime, calendar: Calendar) -> datetime:
    """The first moment at or after `local` inside a session."""
    day, now = local.date(), local
    while True:
        for begin, end in _sessions(day, calendar):
            if now < datetime.combine(day, end):
                return max(now, datetime.combine(day, begin))
        day += timedelta(days=1)
        now = datetime.combine(day, time(0))


def _aware(local: datetime, calendar: Calendar) -> datetime:
    return local.replace(tzinfo=calendar.tz)
