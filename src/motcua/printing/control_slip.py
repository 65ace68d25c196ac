"""Form 05, the process control slip: one row per hand-off, read from the dossier's events.

A row says who handed the dossier over (unit and person), who received it, when, and how
the handing-over unit did against its step's time (early / on time / late, as the
`workdays` engine classifies). The person who received is known once they act (or are
assigned); the last row's result is the dossier's own legal outcome.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from motcua.dossiers.deadlines import step_due
from motcua.dossiers.models import Dossier, DossierEvent, EventKind, Outcome
from motcua.org.models import Role
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .contexts import document_context
from .errors import FormNotApplicable

HAND_OFFS = (
    EventKind.RECEIVE,
    EventKind.ACCEPT,
    EventKind.FORWARD,
    EventKind.SEND_BACK,
    EventKind.APPROVE,
    EventKind.MARK_RESULT_READY,
    EventKind.RETURN_RESULT,
)
# Events that do not move the dossier between units but belong in the notes of the row.
NOTED = (
    EventKind.REQUEST_SUPPLEMENT,
    EventKind.RECEIVE_SUPPLEMENT,
    EventKind.APOLOGISE_AND_RESCHEDULE,
    EventKind.REFUSE,
    EventKind.WITHDRAW,
)
UNITS = {
    Role.RECEIVER: "Bộ phận tiếp nhận và trả kết quả",
    Role.RETURNER: "Bộ phận tiếp nhận và trả kết quả",
    Role.HANDLER: "Bộ phận chuyên môn",
    Role.APPROVER: "Lãnh đạo",
}
APPLICANT = "Người nộp hồ sơ"
OUTCOMES = {
    engine.EARLY: Outcome.EARLY.label,
    engine.ON_TIME: Outcome.ON_TIME.label,
    engine.LATE: Outcome.LATE.label,
}


@dataclass
class HandOff:
    """A row of form 05."""

    number: int
    action: str
    at: datetime
    from_unit: str
    from_person: str
    to_unit: str
    to_person: str
    result: str = ""
    notes: str = ""


def control_slip_context(dossier: Dossier) -> dict:
    """Form 05: `rows` (HandOff: number, action, at, from_unit, from_person, to_unit,
    to_person, result, notes), `outcome` (the dossier's result, or its status while open)
    and `cooperating` (names of the other agencies the dossier passed through)."""
    rows = hand_offs(dossier)
    if not rows:
        raise FormNotApplicable("Hồ sơ chưa được tiếp nhận nên chưa có Phiếu kiểm soát.")
    outcome = dossier.get_outcome_display() if dossier.outcome else dossier.get_status_display()
    own = (dossier.receiving_agency_id, dossier.handling_agency_id)
    cooperating = (
        dossier.events.exclude(agency__isnull=True)
        .exclude(agency_id__in=own)
        .values_list("agency__name", flat=True)
        .distinct()
    )
    return document_context(dossier, dossier.receiving_agency, timezone.now()) | {
        "rows": rows,
        "outcome": outcome,
        "cooperating": sorted(cooperating),
    }


def hand_offs(dossier: Dossier) -> list[HandOff]:
    """The rows of form 05 in order."""
    events = dossier.events.filter(kind__in=(*HAND_OFFS, *NOTED, EventKind.ASSIGN)).select_related(
        "agency"
    )
    step_result = _step_clock(dossier)
    rows: list[HandOff] = []
    opened: DossierEvent | None = None  # the hand-off that opened the current step
    for event in events.order_by("sequence"):
        last = rows[-1] if rows else None
        if event.kind == EventKind.ASSIGN:
            if last and not last.to_person:
                last.to_person = event.payload.get("assignee_name", "")
            continue
        if event.kind in NOTED:
            if last:
                last.notes = "\n".join(filter(None, [last.notes, _note(event)]))
            continue
        if last and not last.to_person:
            last.to_person = event.actor_name
        row = _row(dossier, event, last, len(rows) + 1)
        if event.kind == EventKind.RETURN_RESULT:
            row.result = OUTCOMES.get(dossier.outcome, "")
        elif opened is not None:
            row.result = step_result(opened, event)
        rows.append(row)
        opened = event
    return rows


def _row(dossier: Dossier, event: DossierEvent, last: HandOff | None, number: int) -> HandOff:
    if event.kind in (EventKind.RECEIVE, EventKind.ACCEPT):
        return HandOff(
            number=number,
            action=event.get_kind_display(),
            at=event.at,
            from_unit=APPLICANT,
            from_person=dossier.applicant_name,
            to_unit=_unit(dossier, event.step, dossier.receiving_agency),
            to_person=event.actor_name,
            notes=event.note,
        )
    returned = event.kind == EventKind.RETURN_RESULT
    return HandOff(
        number=number,
        action=event.get_kind_display(),
        at=event.at,
        from_unit=last.to_unit if last else "",
        from_person=event.actor_name,
        to_unit=APPLICANT if returned else _unit(dossier, event.step, event.agency),
        to_person=dossier.applicant_name if returned else "",
        notes=event.note,
    )


def _unit(dossier: Dossier, step: int | None, agency) -> str:
    steps = dossier.steps
    role = steps[step]["role"] if step is not None and step < len(steps) else Role.RECEIVER
    return f"{UNITS.get(role, '')}, {agency.name}" if agency else UNITS.get(role, "")


def _step_clock(dossier: Dossier):
    """A function telling how the step opened by one event was done when another closed it:
    against the step's working hours from its opening, pushed back by closed pauses."""
    calendar = calendar_for(dossier.receiving_agency)
    pauses = list(
        dossier.pauses.filter(ended_at__isnull=False).values_list("started_at", "ended_at")
    )
    steps = dossier.steps

    def result(opened: DossierEvent, closed: DossierEvent) -> str:
        if opened.step is None or opened.step >= len(steps):
            return ""
        due = step_due(opened.at, steps[opened.step]["hours"], calendar, pauses)
        return OUTCOMES[engine.classify(due, closed.at, calendar)]

    return result


def _note(event: DossierEvent) -> str:
    # Only what happened and when: the details are on forms 02, 03 and 04.
    return f"{event.get_kind_display()} ngày {timezone.localtime(event.at):%d/%m/%Y}"
