"""The writes of the calendar: one day at a time (admin, year page) or the official seed."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from .engine import DEFAULT_SESSIONS, FIRST_YEAR, horizon_year
from .models import CalendarDay, WorkingSession
from .official import official_days
from .signals import record_change


@transaction.atomic
def set_day(*, day: date, is_working: bool, name: str, source: str = "") -> CalendarDay:
    """Add or change the override of `day`; deadlines of open dossiers follow on commit."""
    row, _ = CalendarDay.objects.update_or_create(
        date=day, defaults={"is_working": is_working, "name": name, "source": source}
    )
    return row


@transaction.atomic
def remove_day(*, day: date) -> bool:
    """Remove the override of `day` (it follows the weekly sessions again)."""
    row = CalendarDay.objects.filter(date=day).first()
    if row is None:
        return False
    row.delete()
    return True


@dataclass(frozen=True)
class SeedResult:
    created: int
    updated: int
    sessions_created: int


def calendar_years() -> range:
    """The years a calendar covers today: from FIRST_YEAR to the horizon (now + 20 years)."""
    return range(FIRST_YEAR, horizon_year() + 1)


@transaction.atomic
def seed_calendar(*, years=None) -> SeedResult:
    """Write the official days of `years` (default: `calendar_years()`) and the default
    working sessions. Idempotent.

    Days the seed knows are set to the official value; other rows (an administrator's own
    additions) are left alone. Default sessions are only created when there are none."""
    result = seed(CalendarDay, WorkingSession, calendar_years() if years is None else years)
    if result.created or result.updated or result.sessions_created:
        record_change()
    return result


def seed_missing_years(years) -> SeedResult | None:
    """Seed the official days of the `years` that have none yet (every year has holidays,
    so a year without rows was never seeded): the calendar's horizon moves with time, and
    the years it reaches are built when it gets there. None when nothing was missing."""
    seeded = {day.year for day in CalendarDay.objects.dates("date", "year")}
    missing = [year for year in years if year not in seeded]
    return seed_calendar(years=missing) if missing else None


def seed(day_model, session_model, years) -> SeedResult:
    """`seed_calendar` for any model classes: the data migration passes historical ones."""
    existing = {row.date: row for row in day_model.objects.filter(date__year__in=list(years))}
    created, changed = [], []
    for official in official_days(years).values():
        values = {
            "is_working": official.is_working,
            "name": official.name[:200],
            "source": official.source[:400],
        }
        row = existing.get(official.date)
        if row is None:
            created.append(day_model(date=official.date, **values))
        elif any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            changed.append(row)
    day_model.objects.bulk_create(created)
    day_model.objects.bulk_update(changed, ["is_working", "name", "source"])

    sessions = []
    if not session_model.objects.filter(agency__isnull=True).exists():
        sessions = [
            session_model(agency=None, weekday=weekday, start=start, end=end)
            for weekday, pairs in DEFAULT_SESSIONS.items()
            for start, end in pairs
        ]
        session_model.objects.bulk_create(sessions)
    return SeedResult(len(created), len(changed), len(sessions))
