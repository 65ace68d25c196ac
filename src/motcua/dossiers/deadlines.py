"""A dossier's deadlines, computed by `motcua.workdays` from its procedure version.

The overall deadline runs from reception for the procedure's legal time; a step's deadline
runs from the moment the dossier reached the step for the step's working hours. Closed
pauses (waiting for the applicant) push both back by the working time they cover.
"""

from datetime import datetime, time
from decimal import Decimal

from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .models import Dossier


def _pauses(dossier: Dossier, since: datetime) -> list[tuple[datetime, datetime]]:
    return [
        (max(p.started_at, since), p.ended_at)
        for p in dossier.pauses.filter(ended_at__isnull=False, ended_at__gt=since)
    ]


def overall_due(dossier: Dossier) -> datetime:
    """The legal due moment of the dossier."""
    terms = dossier.procedure_version.data
    cutoff = terms.get("same_day_cutoff")
    return engine.due(
        dossier.received_at,
        Decimal(str(terms["time_quantity"])),
        terms["time_unit"],
        calendar_for(dossier.receiving_agency),
        cutoff=time.fromisoformat(cutoff) if cutoff else None,
        pauses=_pauses(dossier, dossier.received_at),
    )


def step_due(dossier: Dossier) -> datetime | None:
    """When the current internal step should be done."""
    if dossier.step is None or dossier.step_started_at is None:
        return None
    return engine.due(
        dossier.step_started_at,
        Decimal(str(dossier.step["hours"])),
        engine.WORKING_HOURS,
        calendar_for(dossier.receiving_agency),
        pauses=_pauses(dossier, dossier.step_started_at),
    )


def classify(dossier: Dossier, finished: datetime) -> str:
    """early, on_time or late against the legal deadline."""
    return engine.classify(dossier.due_at, finished, calendar_for(dossier.receiving_agency))


def working_time_left(dossier: Dossier, now: datetime, due: datetime) -> float:
    """Working hours from `now` to `due` (negative when overdue)."""
    calendar = calendar_for(dossier.receiving_agency)
    if now <= due:
        return engine.elapsed(now, due, calendar).total_seconds() / 3600
    return -engine.elapsed(due, now, calendar).total_seconds() / 3600
