"""Working-time arithmetic for deadlines: the pure core of `workdays` (no Django here).

A `Calendar` knows which moments are working time: weekly working sessions plus dated
overrides (holidays off, swapped Saturdays on). It compiles them once into a prefix sum of
working microseconds per day, so that every moment maps to a *working position* (working
time elapsed since the calendar's first day). Deadlines are then arithmetic on positions:
`due` adds to a position and maps back with a binary search, `elapsed` subtracts two
positions. Both are O(log n) in the number of days, whatever the quantity.

>>> from datetime import datetime
>>> cal = Calendar(overrides={date(2025, 1, d): False for d in range(27, 32)})
>>> due(datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ), 1, WORKING_DAYS, cal).isoformat()
'2025-02-03T09:00:00+07:00'

All arithmetic is exact, to the microsecond, in the calendar's local wall-clock time; the
time zone must keep one UTC offset over the calendar's years (Asia/Ho_Chi_Minh has since
1975).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo

__all__ = [
    "CALENDAR_DAYS",
    "COUNTINGS",
    "DEFAULT_SESSIONS",
    "EARLY",
    "END_OF_DAY",
    "FIRST_YEAR",
    "HORIZON_YEARS",
    "LATE",
    "ON_TIME",
    "OUTCOMES",
    "OVERDUE",
    "SAME_MOMENT",
    "UNITS",
    "VIETNAM_TZ",
    "WITHIN",
    "WORKING_DAYS",
    "WORKING_HOURS",
    "Calendar",
    "CalendarError",
    "classify",
    "due",
    "due_many",
    "elapsed",
    "horizon_year",
    "open_status",
]

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

WORKING_HOURS = "working_hours"
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
UNITS = (WORKING_HOURS, WORKING_DAYS, CALENDAR_DAYS)

# Where a period of N working days ends (docs/decisions/0061): N working days later at the
# moment of receipt, or at the close of working hours of the Nth working day after the day
# of receipt (Civil Code 2015 Art. 147, Art. 148(5)).
SAME_MOMENT = "same_moment"
END_OF_DAY = "end_of_day"
COUNTINGS = (SAME_MOMENT, END_OF_DAY)

EARLY = "early"
ON_TIME = "on_time"
LATE = "late"
OUTCOMES = (EARLY, ON_TIME, LATE)
WITHIN = "within"
OVERDUE = "overdue"

FIRST_YEAR = 2020
#: The calendar reaches this many years past the current one (`horizon_year()`); it grows as
#: time passes, so nothing computed at `now()` ever falls off its end.
HORIZON_YEARS = 20


def horizon_year(today: date | None = None) -> int:
    """The last year a calendar built `today` covers: the current year + HORIZON_YEARS."""
    return (today or date.today()).year + HORIZON_YEARS


#: Monday to Friday, 07:00-11:30 and 13:30-17:00: 8 working hours a day.
DEFAULT_SESSIONS: Mapping[int, tuple[tuple[time, time], ...]] = MappingProxyType(
    {weekday: ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))) for weekday in range(5)}
)

_US = 1_000_000
_MINUTE_US = 60 * _US
_DAY_US = 86_400 * _US
_HOUR_US = 3_600 * _US
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class CalendarError(ValueError):
    """Nonsense input or a moment outside the calendar; the message says which."""


class Calendar:
    """Working time of one agency over a range of years, compiled for fast arithmetic.

    `sessions` maps a weekday (0 = Monday) to its working sessions, `(start, end)` pairs of
    naive `time`s, sorted and not overlapping. `overrides` maps dates to `True` (a working
    day, e.g. a swapped Saturday) or `False` (a holiday or day off); dates outside the
    range are ignored. A working override on a weekday that has sessions keeps them; on any
    other weekday it uses the *standard day*: Monday's sessions, or those of the first
    weekday that has any. One working day of a quantity lasts as long as the standard day.

    >>> Calendar().hours_per_day
    8.0
    >>> Calendar(overrides={date(2025, 4, 26): True}).is_working_day(date(2025, 4, 26))
    True
    """

    def __init__(
        self,
        sessions: Mapping[int, Iterable[tuple[time, time]]] = DEFAULT_SESSIONS,
        overrides: Mapping[date, bool] | None = None,
        *,
        tz: tzinfo = VIETNAM_TZ,
        first_year: int = FIRST_YEAR,
        last_year: int | None = None,
    ) -> None:
        self.weekly = MappingProxyType(_check_sessions(sessions))
        if not self.weekly:
            raise CalendarError("the weekly sessions have no working time on any weekday")
        self.standard_sessions = next(self.weekly[wd] for wd in range(7) if wd in self.weekly)
        if not isinstance(tz, tzinfo):
            raise CalendarError(f"tz must be a tzinfo, got {tz!r}")
        self.tz = tz
        if last_year is None:
            last_year = horizon_year()
        if not (isinstance(first_year, int) and isinstance(last_year, int)):
            raise CalendarError("first_year and last_year must be integers")
        if not 1 < first_year <= last_year < 9999:
            raise CalendarError(f"invalid year range {first_year}-{last_year}")
        self.first_year, self.last_year = first_year, last_year
        self.first_day = date(first_year, 1, 1)
        self.last_day = date(last_year, 12, 31)
        self.overrides = MappingProxyType(_check_overrides(overrides or {}, self))
        self._offset_us = _fixed_offset_us(tz, first_year, last_year)

        # Per weekday pattern: ((start_us, end_us, working_us_before_this_session), ...).
        patterns = {wd: _pattern(s) for wd, s in self.weekly.items()}
        standard = _pattern(self.standard_sessions)
        day_patterns: list[tuple[tuple[int, int, int], ...]] = []
        dates: list[tuple[int, int, int]] = []  # (year, month, day) of each day
        cumulative = [0]
        working_days = [0]
        day = self.first_day
        for _ in range((self.last_day - self.first_day).days + 1):
            weekday = day.weekday()
            working = self.overrides.get(day)
            if working is None:
                pattern = patterns.get(weekday, ())
            elif working:
                pattern = patterns.get(weekday) or standard
            else:
                pattern = ()
            day_patterns.append(pattern)
            dates.append((day.year, day.month, day.day))
            cumulative.append(cumulative[-1] + _pattern_length(pattern))
            working_days.append(working_days[-1] + (1 if pattern else 0))
            day += timedelta(days=1)
        self._patterns = day_patterns
        self._cum = cumulative
        self._working_days = working_days
        self._days = len(day_patterns)
        self._dates = dates
        self._first_ordinal = self.first_day.toordinal()
        self._origin_us = (self._first_ordinal - _EPOCH_ORDINAL) * _DAY_US
        self.day_us = _pattern_length(standard)

    def __repr__(self) -> str:
        return (
            f"<Calendar {self.first_year}-{self.last_year}, {self.hours_per_day:g} h/day, "
            f"{len(self.overrides)} overrides>"
        )

    @property
    def hours_per_day(self) -> float:
        """Working hours of one working day (the standard day), e.g. `8.0`."""
        return self.day_us / _HOUR_US

    @property
    def working_day(self) -> timedelta:
        """One working day as a duration, e.g. `timedelta(hours=8)`."""
        return timedelta(microseconds=self.day_us)

    def is_working_day(self, day: date) -> bool:
        """Whether `day` has any working session."""
        return bool(self._patterns[self._day_index(day)])

    def sessions_on(self, day: date) -> tuple[tuple[time, time], ...]:
        """The working sessions of `day`, `()` on a day off."""
        return tuple((_to_time(s), _to_time(e)) for s, e, _ in self._patterns[self._day_index(day)])

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if it is inside a session, else the start of the next session.

        >>> Calendar().next_working_moment(datetime(2025, 1, 24, 12, tzinfo=VIETNAM_TZ)).hour
        13
        """
        return self._start_moment(self._position(moment, "moment"))

    # Positions: working microseconds since the calendar's first day.

    def _day_index(self, day: date) -> int:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise CalendarError(f"expected a date, got {day!r}")
        index = day.toordinal() - self.first_day.toordinal()
        if not 0 <= index < self._days:
            raise CalendarError(f"{day.isoformat()} is outside the calendar {self._range()}")
        return index

    def _range(self) -> str:
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"

    def _locate(self, moment: datetime, what: str) -> tuple[int, int]:
        """(day index, microseconds since local midnight) of an aware datetime."""
        if moment.__class__ is datetime and moment.tzinfo is self.tz:
            # Fast path: the wall-clock fields already are local time.
            index = moment.toordinal() - self._first_ordinal
            tod = (
                (moment.hour * 60 + moment.minute) * 60 + moment.second
            ) * _US + moment.microsecond
        else:
            if not isinstance(moment, datetime):
                raise CalendarError(f"{what} must be a datetime, got {moment!r}")
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise CalendarError(
                    f"{what} must be timezone-aware, got naive {moment.isoformat()}"
                )
            since = moment - _EPOCH
            local = since.days * _DAY_US + since.seconds * _US + since.microseconds
            index, tod = divmod(local + self._offset_us - self._origin_us, _DAY_US)
        if not 0 <= index < self._days:
            raise CalendarError(
                f"{what} {moment.isoformat()} is outside the calendar {self._range()}"
            )
        return index, tod

    def _position(self, moment: datetime, what: str) -> int:
        index, tod = self._locate(moment, what)
        for start, end, before in self._patterns[index]:
            if tod <= start:
                return self._cum[index] + before
            if tod < end:
                return self._cum[index] + before + tod - start
        return self._cum[index + 1]

    def _moment(self, position: int) -> datetime:
        """The earliest moment at `position`: a session end rather than the next start."""
        index = bisect_left(self._cum, position) - 1
        if index >= self._days:
            raise CalendarError(f"the deadline falls after the end of the calendar {self._range()}")
        if index < 0:
            return self._start_moment(position)
        rest = position - self._cum[index]
        for start, end, before in self._patterns[index]:
            if rest <= before + end - start:
                return self._at(index, start + rest - before)
        raise AssertionError("prefix sums and day patterns disagree")

    def _start_moment(self, position: int) -> datetime:
        """The moment work at `position` starts: the next session start rather than an end."""
        index = self._day_of(position)
        rest = position - self._cum[index]
        for start, end, before in self._patterns[index]:
            if rest < before + end - start:
                return self._at(index, start + rest - before)
        raise AssertionError("prefix sums and day patterns disagree")

    def _at(self, index: int, tod: int) -> datetime:
        year, month, day = self._dates[index]
        minutes, micro = divmod(tod, _MINUTE_US)
        hours, minutes = divmod(minutes, 60)
        seconds, micro = divmod(micro, _US)
        # Positional tzinfo: the constructor is about twice as fast without keywords.
        return datetime(year, month, day, hours, minutes, seconds, micro, self.tz)

    def _due_plain(self, start: datetime, quantity: int, unit: str) -> datetime | None:
        """`due` of the common case in one flat function: a whole positive quantity, no
        cutoff, no pauses, `start` in the calendar's own time zone or in UTC, far from the
        calendar's ends. None when any of that does not hold (`due` then takes the general path)."""
        if not (start.__class__ is datetime and quantity.__class__ is int and quantity > 0):
            return None
        if start.tzinfo is self.tz:
            index = start.toordinal() - self._first_ordinal
            tod = ((start.hour * 60 + start.minute) * 60 + start.second) * _US + start.microsecond
        elif start.tzinfo is UTC:  # as the database returns moments
            since = start - _EPOCH
            local = since.days * _DAY_US + since.seconds * _US + since.microseconds
            index, tod = divmod(local + self._offset_us - self._origin_us, _DAY_US)
        else:
            return None
        if not 0 <= index < self._days:
            return None
        cum = self._cum
        position = cum[index + 1]
        for session_start, session_end, before in self._patterns[index]:
            if tod < session_end:
                position = cum[index] + before + (tod - session_start if tod > session_start else 0)
                break
        if unit == WORKING_DAYS:
            target = position + quantity * self.day_us
        elif unit == WORKING_HOURS:
            target = position + quantity * _HOUR_US
        elif unit == CALENDAR_DAYS:
            last = bisect_right(cum, position) - 1 + quantity
            if last >= self._days:
                return None
            following = bisect_right(cum, cum[last])
            if following > self._days:
                return None
            target = cum[following]
        else:
            return None
        index = bisect_left(cum, target) - 1
        if not 0 <= index < self._days:
            return None
        rest = target - cum[index]
        for session_start, session_end, before in self._patterns[index]:
            if rest <= before + session_end - session_start:
                # `self._at`, inlined: this line runs once per deadline.
                year, month, day = self._dates[index]
                minutes, micro = divmod(session_start + rest - before, _MINUTE_US)
                hours, minutes = divmod(minutes, 60)
                seconds, micro = divmod(micro, _US)
                return datetime(year, month, day, hours, minutes, seconds, micro, self.tz)
        raise AssertionError("prefix sums and day patterns disagree")

    def _day_of(self, position: int) -> int:
        """Index of the working day on which work at `position` happens (or would start)."""
        index = bisect_right(self._cum, position) - 1
        if index >= self._days:
            raise CalendarError(f"no working day after the end of the calendar {self._range()}")
        return index

    def _paused(self, pauses: Iterable, start: datetime, low: int) -> list[tuple[int, int]]:
        """Pauses as merged, sorted position intervals, clipped below at `start` and `low`."""
        intervals = []
        for pause in pauses:
            try:
                begin, end = pause
            except (TypeError, ValueError):
                raise CalendarError(f"a pause must be a (start, end) pair, got {pause!r}") from None
            if end is None:
                raise CalendarError("a pause must have an end; compute the deadline when it ends")
            _check_aware(begin, "pause start")
            _check_aware(end, "pause end")
            if end < begin:
                raise CalendarError(
                    f"pause ends ({end.isoformat()}) before it starts ({begin.isoformat()})"
                )
            if end <= start:
                continue  # over before the period began (perhaps before the calendar's range)
            a = max(self._position(max(begin, start), "pause start"), low)
            b = self._position(end, "pause end")
            if b > a:
                intervals.append((a, b))
        intervals.sort()
        merged: list[tuple[int, int]] = []
        for a, b in intervals:
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged


def due(
    start: datetime,
    quantity: int | float | Decimal | Fraction,
    unit: str,
    calendar: Calendar,
    *,
    cutoff: time | None = None,
    pauses: Iterable[tuple[datetime, datetime]] = (),
    counting: str = SAME_MOMENT,
) -> datetime:
    """The due moment of a period of `quantity` `unit`s starting at `start`.

    Working time counts only inside sessions; a start outside them counts from the next
    session; a period that ends exactly at a session's end is due at that end (17:00). One
    working day is `calendar.working_day` of working time. `quantity == 0` working days
    means the same working day: due at the end of the working day the start counts in.
    Calendar days (Civil Code 2015 Art. 147-148) do not count the day of receipt and end at
    the end of the last day's working hours, or of the next working day when the last day
    is off. Received after `cutoff` on a working day, the period starts on the next working
    day. `pauses` (waiting for the applicant) push the due moment back by the working time
    they cover before it; overlapping pauses count once.

    `counting` says where N working days end: `SAME_MOMENT` (N working days of working
    time later, at the hour of receipt) or `END_OF_DAY` (Civil Code Art. 147-148: the
    period starts the day after receipt and ends at the close of working hours of its Nth
    working day; pauses push it back by their working time, to the end of that day).

    >>> monday = datetime(2025, 3, 3, 9, tzinfo=VIETNAM_TZ)
    >>> due(monday, 3, WORKING_DAYS, Calendar()).isoformat()
    '2025-03-06T09:00:00+07:00'
    >>> due(monday, 3, WORKING_DAYS, Calendar(), counting=END_OF_DAY).isoformat()
    '2025-03-06T17:00:00+07:00'
    >>> friday = datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ)
    >>> due(friday, 3, WORKING_HOURS, Calendar()).isoformat()
    '2025-01-24T14:00:00+07:00'
    >>> due(friday, 0, WORKING_DAYS, Calendar(), cutoff=time(8)).isoformat()
    '2025-01-27T17:00:00+07:00'
    >>> due(friday, 1, CALENDAR_DAYS, Calendar()).isoformat()
    '2025-01-27T17:00:00+07:00'
    """
    if cutoff is None and not pauses and counting == SAME_MOMENT:
        plain = calendar._due_plain(start, quantity, unit)
        if plain is not None:
            return plain
    amount = _amount(quantity, unit, calendar)
    if counting not in COUNTINGS:
        raise CalendarError(
            f"unknown counting {counting!r}; expected one of {', '.join(COUNTINGS)}"
        )
    by_day = counting == END_OF_DAY and unit == WORKING_DAYS and amount > 0
    if cutoff is None:
        position = calendar._position(start, "start")
    else:
        if not isinstance(cutoff, time) or cutoff.tzinfo is not None:
            raise CalendarError(f"cutoff must be a naive time such as 15:00, got {cutoff!r}")
        index, tod = calendar._locate(start, "start")
        if tod > _time_us(cutoff):
            position = calendar._cum[index + 1]
        else:
            position = calendar._position(start, "start")

    if unit == CALENDAR_DAYS:
        last = calendar._day_of(position) + amount
        if last >= calendar._days:
            raise CalendarError(
                f"the deadline falls after the end of the calendar {calendar._range()}"
            )
        target = calendar._cum[calendar._day_of(calendar._cum[last]) + 1]
    elif amount == 0:
        if unit == WORKING_HOURS:
            return calendar._start_moment(position)
        target = calendar._cum[calendar._day_of(position) + 1]
    elif by_day:
        target = _end_of_working_days(calendar, start, position, cutoff is not None, amount)
    else:
        target = position + amount

    if pauses:
        for begin, end in calendar._paused(pauses, start, position):
            if begin >= target:
                break
            target += end - begin
    if by_day:
        target = calendar._cum[calendar._day_of(target - 1) + 1]
    return calendar._moment(target)


def _end_of_working_days(
    calendar: Calendar, start: datetime, position: int, cut: bool, amount: int
) -> int:
    """Position of the close of the Nth working day after the day of receipt (the day the
    period counts from after a cut-off); a fraction of a day rounds up to a whole day."""
    if cut and position == calendar._cum[calendar._locate(start, "start")[0] + 1]:
        receipt_day = calendar._day_of(position)
    else:
        receipt_day = calendar._locate(start, "start")[0]
    days = -(-amount // calendar.day_us)
    wanted = calendar._working_days[receipt_day + 1] + days
    last = bisect_left(calendar._working_days, wanted) - 1
    if last >= calendar._days:
        raise CalendarError(f"the deadline falls after the end of the calendar {calendar._range()}")
    return calendar._cum[last + 1]


def due_many(
    periods: Iterable[tuple[datetime, int | float | Decimal | Fraction, str]],
    calendar: Calendar,
    *,
    counting: str = SAME_MOMENT,
) -> list[datetime]:
    """`due(start, quantity, unit, calendar, counting=counting)` of every
    `(start, quantity, unit)`, in order: the batch form for recomputing many open dossiers'
    deadlines after a calendar change.

    >>> friday = datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ)
    >>> [d.day for d in due_many([(friday, 1, WORKING_DAYS), (friday, 2, WORKING_DAYS)], Calendar())]
    [27, 28]
    """
    if counting != SAME_MOMENT:
        return [due(s, q, u, calendar, counting=counting) for s, q, u in periods]
    plain = calendar._due_plain
    return [
        plain(start, quantity, unit) or due(start, quantity, unit, calendar)
        for start, quantity, unit in periods
    ]


def elapsed(
    start: datetime,
    end: datetime,
    calendar: Calendar,
    *,
    pauses: Iterable[tuple[datetime, datetime]] = (),
) -> timedelta:
    """Working time between `start` and `end`, less the working time of `pauses`.

    >>> friday = datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ)
    >>> elapsed(friday, friday.replace(hour=14), Calendar())
    datetime.timedelta(seconds=10800)
    """
    low = calendar._position(start, "start")
    high = calendar._position(end, "end")
    if end < start:
        raise CalendarError(f"end ({end.isoformat()}) is before start ({start.isoformat()})")
    worked = high - low
    for begin, finish in calendar._paused(pauses, start, low):
        if begin >= high:
            break
        worked -= min(finish, high) - begin
    return timedelta(microseconds=worked)


def classify(due: datetime, finished: datetime, calendar: Calendar) -> str:
    """`EARLY` if finished on a day before the due date, `ON_TIME` on the due date no later
    than the due moment, else `LATE` (dates in the calendar's time zone).

    >>> d = datetime(2025, 2, 3, 9, tzinfo=VIETNAM_TZ)
    >>> classify(d, d.replace(hour=8), Calendar()), classify(d, d.replace(day=1), Calendar())
    ('on_time', 'early')
    """
    _check_aware(due, "due")
    _check_aware(finished, "finished")
    if finished > due:
        return LATE
    if finished.astimezone(calendar.tz).date() < due.astimezone(calendar.tz).date():
        return EARLY
    return ON_TIME


def open_status(due: datetime, now: datetime) -> str:
    """`WITHIN` while `now` is not after `due`, then `OVERDUE`.

    >>> d = datetime(2025, 2, 3, 9, tzinfo=VIETNAM_TZ)
    >>> open_status(d, d), open_status(d, d + timedelta(seconds=1))
    ('within', 'overdue')
    """
    _check_aware(due, "due")
    _check_aware(now, "now")
    return WITHIN if now <= due else OVERDUE


def _check_aware(moment: datetime, what: str) -> None:
    if not isinstance(moment, datetime):
        raise CalendarError(f"{what} must be a datetime, got {moment!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CalendarError(f"{what} must be timezone-aware, got naive {moment.isoformat()}")


def _amount(quantity, unit: str, calendar: Calendar) -> int:
    """Microseconds of working time, or a whole number of calendar days."""
    if unit not in UNITS:
        raise CalendarError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    if type(quantity) is int:  # the common case, kept fast
        exact = quantity
    elif isinstance(quantity, bool) or not isinstance(quantity, int | float | Decimal | Fraction):
        raise CalendarError(f"quantity must be a number, got {quantity!r}")
    elif isinstance(quantity, float | Decimal) and not math.isfinite(quantity):
        raise CalendarError(f"quantity must be finite, got {quantity}")
    else:
        exact = Fraction(quantity)
    if exact < 0:
        raise CalendarError(f"quantity must not be negative, got {quantity}")
    if unit == CALENDAR_DAYS:
        if exact != int(exact):
            raise CalendarError(f"calendar days must be a whole number, got {quantity}")
        return int(exact)
    scale = _HOUR_US if unit == WORKING_HOURS else calendar.day_us
    return exact * scale if type(exact) is int else round(exact * scale)


def _check_sessions(sessions) -> dict[int, tuple[tuple[time, time], ...]]:
    if not isinstance(sessions, Mapping):
        raise CalendarError("sessions must map a weekday (0 = Monday) to (start, end) pairs")
    checked = {}
    for weekday, pairs in sessions.items():
        if isinstance(weekday, bool) or weekday not in range(7):
            raise CalendarError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
        day = []
        for pair in pairs:
            try:
                start, end = pair
            except (TypeError, ValueError):
                raise CalendarError(
                    f"a session must be a (start, end) pair, got {pair!r}"
                ) from None
            if not (isinstance(start, time) and isinstance(end, time)):
                raise CalendarError(f"session bounds must be times, got {pair!r}")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise CalendarError("session times must be naive local times")
            if not start < end:
                raise CalendarError(f"session must end after it starts, got {start}-{end}")
            day.append((start, end))
        day.sort()
        for (_, end), (start, _) in pairwise(day):
            if start < end:
                raise CalendarError(f"sessions overlap on weekday {weekday}: {day}")
        if day:
            checked[weekday] = tuple(day)
    return checked


def _check_overrides(overrides, calendar: Calendar) -> dict[date, bool]:
    if not isinstance(overrides, Mapping):
        raise CalendarError("overrides must map dates to True (working) or False (day off)")
    checked = {}
    for day, working in overrides.items():
        if not isinstance(day, date) or isinstance(day, datetime):
            raise CalendarError(f"override keys must be dates, got {day!r}")
        if not isinstance(working, bool):
            raise CalendarError(f"override for {day} must be True or False, got {working!r}")
        if calendar.first_day <= day <= calendar.last_day:
            checked[day] = working
    return checked


def _fixed_offset_us(tz: tzinfo, first_year: int, last_year: int) -> int:
    offsets = {
        datetime(year, month, 1, tzinfo=tz).utcoffset()
        for year in range(first_year, last_year + 1)
        for month in range(1, 13)
    }
    if None in offsets or len(offsets) != 1:
        raise CalendarError(f"time zone {tz} must keep one UTC offset over the calendar's years")
    (offset,) = offsets
    return (offset.days * 86_400 + offset.seconds) * _US + offset.microseconds


def _time_us(moment: time) -> int:
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * _US + moment.microsecond


def _to_time(us: int) -> time:
    seconds, micro = divmod(us, _US)
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60, micro)


def _pattern(sessions: Iterable[tuple[time, time]]) -> tuple[tuple[int, int, int], ...]:
    pattern, before = [], 0
    for start, end in sessions:
        s, e = _time_us(start), _time_us(end)
        pattern.append((s, e, before))
        before += e - s
    return tuple(pattern)


def _pattern_length(pattern: tuple[tuple[int, int, int], ...]) -> int:
    if not pattern:
        return 0
    start, end, before = pattern[-1]
    return before + end - start
