"""Read queries for people: a year's days off and extra working days, with their names."""

from dataclasses import dataclass
from datetime import date

from motcua.org.models import Agency

from .engine import Calendar
from .loader import calendar_for
from .models import CalendarDay, Weekday


@dataclass(frozen=True)
class MarkedDay:
    """A stored override. `effective`: it changes whether the agency works that day (a
    holiday on a Sunday is not effective)."""

    date: date
    is_working: bool
    name: str
    source: str
    effective: bool

    @property
    def weekday_name(self) -> str:
        return str(Weekday(self.date.weekday()).label)


@dataclass(frozen=True)
class YearOverview:
    year: int
    calendar: Calendar
    days: list[MarkedDay]

    @property
    def holidays(self) -> list[MarkedDay]:
        return [day for day in self.days if not day.is_working]

    @property
    def extra_working_days(self) -> list[MarkedDay]:
        return [day for day in self.days if day.is_working]

    @property
    def changes(self) -> list[MarkedDay]:
        """Non-working weekdays and extra working days: what differs from a normal week."""
        return [day for day in self.days if day.effective]


def year_overview(year: int, agency: Agency | None = None) -> YearOverview:
    """The stored overrides of `year` as they apply to `agency`'s weekly sessions."""
    calendar = calendar_for(agency)
    days = []
    for row in CalendarDay.objects.filter(date__year=year).order_by("date"):
        normally_working = row.date.weekday() in calendar.weekly
        days.append(
            MarkedDay(
                row.date, row.is_working, row.name, row.source, row.is_working != normally_working
            )
        )
    return YearOverview(year, calendar, days)
