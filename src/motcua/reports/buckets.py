"""Time buckets of the rollups: a day belongs to its day, its month and its year.

Any range of days is the disjoint union of a few runs of whole years, whole months and
single days (`cover`), so a sum over a year reads one year row per key, a sum from the
beginning of time to a day reads a few dozen.

>>> cover(date(2022, 1, 1), date(2022, 12, 31))
[(3, datetime.date(2022, 1, 1), datetime.date(2022, 1, 1))]
>>> cover(date(2022, 3, 15), date(2022, 5, 31))  # doctest: +NORMALIZE_WHITESPACE
[(1, datetime.date(2022, 3, 15), datetime.date(2022, 3, 31)),
 (2, datetime.date(2022, 4, 1), datetime.date(2022, 5, 1))]
"""

from datetime import date, timedelta

from .models import Grain

# Before any dossier: stocks are sums of flows from this day on.
BEGINNING = date(2000, 1, 1)


def bucket(day: date, grain: int) -> date:
    """The first day of the bucket of `grain` that holds `day`."""
    if grain == Grain.DAY:
        return day
    if grain == Grain.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def cover(first: date, last: date) -> list[tuple[int, date, date]]:
    """(grain, first bucket start, last bucket start) runs covering `first`..`last` exactly."""
    if first > last:
        return []
    years_from = first if (first.month, first.day) == (1, 1) else date(first.year + 1, 1, 1)
    years_to = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    if years_from.year <= years_to:
        return [
            *_months(first, years_from - timedelta(days=1)),
            (Grain.YEAR, years_from, date(years_to, 1, 1)),
            *_months(date(years_to + 1, 1, 1), last),
        ]
    return _months(first, last)


def _months(first: date, last: date) -> list[tuple[int, date, date]]:
    if first > last:
        return []
    months_from = first if first.day == 1 else _next_month(first)
    after_last = last + timedelta(days=1)
    months_to = last.replace(day=1) if after_last.day == 1 else _previous_month(last.replace(day=1))
    if months_from <= months_to:
        return [
            *_days(first, months_from - timedelta(days=1)),
            (Grain.MONTH, months_from, months_to),
            *_days(_next_month(months_to), last),
        ]
    return _days(first, last)


def _days(first: date, last: date) -> list[tuple[int, date, date]]:
    return [(Grain.DAY, first, last)] if first <= last else []


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _previous_month(first_of_month: date) -> date:
    return (first_of_month - timedelta(days=1)).replace(day=1)
