"""Compiled calendars for agencies: cached in each process, never stale.

Compiling a calendar reads every override and builds prefix sums from 2020 to 20 years
ahead (`engine.horizon_year`): a few milliseconds. The years the horizon reaches are
seeded with their official days first, when it gets there (`services.seed_missing_years`). Each process keeps the compiled calendars keyed by the agency whose sessions
they use, together with the revision token they were built at; every call reads the token
(one indexed query, once per request: `revision_now`) and recompiles when another process (or this one) changed the calendar.
"""

from collections.abc import Iterable
from datetime import date, time

from motcua.org.models import Agency

from .engine import DEFAULT_SESSIONS, FIRST_YEAR, Calendar, horizon_year
from .models import CalendarDay, WorkingSession
from .services import seed_missing_years
from .signals import current_revision, revision_now

# owner agency id (None: national default) -> (revision, calendar)
_calendars: dict[int | None, tuple[str, Calendar]] = {}
# agency path -> (revision, owner agency id)
_owners: dict[str, tuple[str, int | None]] = {}


def calendar_for(agency: Agency | None = None) -> Calendar:
    """The working calendar of `agency`: its own sessions, else the nearest ancestor's, else
    the national default; holidays and extra working days are national. For example
    `due(received, 1, WORKING_DAYS, calendar_for(dossier.agency))`.
    """
    revision = revision_now()
    owner = _owner(agency, revision)
    cached = _calendars.get(owner)
    last = horizon_year()
    if cached is not None and cached[0] == revision and cached[1].last_year == last:
        return cached[1]
    if seed_missing_years(range(FIRST_YEAR, last + 1)):
        revision = current_revision()
    calendar = Calendar(sessions_of(owner), overrides(), last_year=last)
    _calendars[owner] = (revision, calendar)
    return calendar


def sessions_of(owner_id: int | None) -> dict[int, list[tuple[time, time]]]:
    """Weekly sessions stored for an agency (None: the national default rows), or the
    built-in default (Monday to Friday, 07:00-11:30 and 13:30-17:00) when none are stored."""
    rows = WorkingSession.objects.filter(agency_id=owner_id).values_list("weekday", "start", "end")
    weekly = _weekly(rows)
    if weekly or owner_id is not None:
        return weekly
    return {weekday: list(pairs) for weekday, pairs in DEFAULT_SESSIONS.items()}


def overrides() -> dict[date, bool]:
    return dict(CalendarDay.objects.values_list("date", "is_working"))


def _owner(agency: Agency | None, revision: str) -> int | None:
    """The agency whose sessions `agency` uses: itself or its nearest ancestor with rows."""
    if agency is None:
        return None
    cached = _owners.get(agency.path)
    if cached is not None and cached[0] == revision:
        return cached[1]
    chain = [int(part) for part in agency.path.strip("/").split("/") if part] or [agency.pk]
    with_rows = set(
        WorkingSession.objects.filter(agency_id__in=chain).values_list("agency_id", flat=True)
    )
    owner = next((pk for pk in reversed(chain) if pk in with_rows), None)
    _owners[agency.path] = (revision, owner)
    return owner


def _weekly(rows: Iterable[tuple[int, time, time]]) -> dict[int, list[tuple[time, time]]]:
    weekly: dict[int, list[tuple[time, time]]] = {}
    for weekday, start, end in rows:
        weekly.setdefault(weekday, []).append((start, end))
    return weekly
