"""A dossier's deadlines, computed by `motcua.workdays` from its procedure version.

The overall deadline runs from reception for the procedure's legal time; a step's deadline
runs from the moment the dossier reached the step for the step's working hours. Closed
pauses (waiting for the applicant) push both back by the working time they cover. Where a
period of working days ends is the counting of the dossier's rule set (`motcua.rules`).
"""

from datetime import datetime, time
from decimal import Decimal

from motcua.rules.lookup import rule_set_for
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .models import Dossier


def clip_pauses(pauses, since: datetime, until: datetime | None = None) -> list[tuple]:
    """The part of the pauses (start, end) that pushes back a time counted from `since`:
    closed pauses ending after `since` (and, with `until`, not after it), cut to start no
    earlier than `since`. The one place pauses are clipped (deadlines, form 05, the report
    rebuild)."""
    return [
        (max(start, since), end)
        for start, end in pauses
        if end is not None and end > since and (until is None or end <= until)
    ]


def step_due(
    started: datetime, hours, calendar: engine.Calendar, pauses, until: datetime | None = None
) -> datetime:
    """When a step begun at `started` with `hours` working hours is due, pushed back by the
    pauses that ended meanwhile (by `until`, when given)."""
    return engine.due(
        started,
        Decimal(str(hours)),
        engine.WORKING_HOURS,
        calendar,
        pauses=clip_pauses(pauses, started, until),
    )


def compute(
    dossier: Dossier,
    calendar: engine.Calendar,
    pauses: list[tuple[datetime, datetime]],
    *,
    overall: bool = True,
) -> None:
    """Recompute the current step's due moment (and, with `overall`, the legal due moment)
    from `calendar` (the receiving agency's) and the dossier's closed `pauses` (start, end).

    >>> compute(dossier, calendar_for(dossier.receiving_agency), pauses)
    >>> dossier.due_at, dossier.step_due_at
    """
    if overall:
        terms = dossier.procedure_version.data
        cutoff = terms.get("same_day_cutoff")
        dossier.due_at = engine.due(
            dossier.received_at,
            Decimal(str(terms["time_quantity"])),
            terms["time_unit"],
            calendar,
            cutoff=time.fromisoformat(cutoff) if cutoff else None,
            pauses=clip_pauses(pauses, dossier.received_at),
            counting=rule_set_for(dossier).counting,
        )
    if dossier.step is None or dossier.step_started_at is None:
        dossier.step_due_at = None
        return
    dossier.step_due_at = step_due(dossier.step_started_at, dossier.step["hours"], calendar, pauses)


def working_time_left(dossier: Dossier, now: datetime, due: datetime) -> float:
    """Working hours from `now` to `due` (negative when overdue)."""
    calendar = calendar_for(dossier.receiving_agency)
    if now <= due:
        return engine.elapsed(now, due, calendar).total_seconds() / 3600
    return -engine.elapsed(due, now, calendar).total_seconds() / 3600
