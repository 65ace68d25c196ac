"""What each transition does to a dossier once it is allowed: the one place where entering a
step, starting the clock, handing over, pausing, finishing and recording an event are
written.

Each function works on a `Store` (`store.py`): the lifecycle's public functions check who
acts, lock the row and call these with the database; the demo's bulk writer calls them with
its in-memory store. Checks that need no database (a note given, items listed, a moment in
order) are made here, before any change, so both paths obey them.
"""

from datetime import datetime

from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.org.models import Agency
from motcua.rules import enforcement
from motcua.text import fold
from motcua.workdays import engine

from .. import deadlines
from ..applicants import Applicant
from ..errors import InvalidInput
from ..models import (
    Channel,
    Dossier,
    DossierDocument,
    DossierEvent,
    EventKind,
    Outcome,
    Pause,
    Status,
)
from .rules import agency_for, require_note
from .store import Store

# ---------------------------------------------------------------- the shared steps


def record(
    store: Store,
    dossier: Dossier,
    *,
    actor,
    kind: str,
    from_status: str,
    at: datetime,
    note: str = "",
    payload: dict | None = None,
    public: bool = True,
    agency: Agency | None = None,
) -> DossierEvent:
    """Raise the dossier's version and append its event (saved by the store)."""
    dossier.version += 1
    event = DossierEvent(
        at=at,
        actor=actor if actor and actor.is_authenticated else None,
        actor_name=display_name(actor),
        kind=kind,
        from_status=from_status,
        to_status=dossier.status,
        step=dossier.current_step,
        agency=agency,
        note=note,
        payload=payload or {},
        public=public,
    )
    store.append(dossier, event)
    return event


def display_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return ""
    return actor.get_full_name() or actor.get_username()


def refresh_deadlines(store: Store, dossier: Dossier, *, overall: bool = True) -> None:
    deadlines.compute(
        dossier, store.calendar(dossier), store.closed_pauses(dossier), overall=overall
    )


def enter_step(
    store: Store, dossier: Dossier, index: int, at: datetime, *, overall: bool = False
) -> None:
    """Put the dossier at step `index` from `at`, with the step's due moment (and, with
    `overall`, the legal one)."""
    dossier.current_step = index
    dossier.current_role = dossier.steps[index]["role"]
    dossier.current_agency = agency_for(dossier, dossier.current_role)
    dossier.step_started_at = at
    dossier.assignee = None
    refresh_deadlines(store, dossier, overall=overall)


def start_clock(store: Store, dossier: Dossier, at: datetime) -> None:
    """Reception: the legal time runs from `at`, at the first step; the appointment is the
    legal due moment."""
    dossier.received_at = at
    enter_step(store, dossier, 0, at, overall=True)
    dossier.appointment_at = dossier.due_at


def hand_over(
    store: Store,
    dossier: Dossier,
    *,
    actor,
    kind: str,
    from_status: str,
    to_step: int,
    at: datetime,
    note: str = "",
    assignee=None,
    payload: dict | None = None,
) -> None:
    """Leave the current step for `to_step` and record the hand-off: a row of form 05, with
    the due moment of the step left behind and who takes the dossier over."""
    left_due = dossier.step_due_at
    enter_step(store, dossier, to_step, at)
    role = dossier.step["role"]
    if assignee is not None:
        dossier.assignee = assignee
    record(
        store,
        dossier,
        actor=actor,
        kind=kind,
        from_status=from_status,
        at=at,
        note=note,
        agency=agency_for(dossier, role),
        payload={
            "to_step": dossier.step["name"],
            "to_role": role,
            "left_step_due_at": timezone.localtime(left_due).isoformat() if left_due else None,
            "assignee_name": display_name(assignee) if assignee else "",
        }
        | (payload or {}),
    )


def finish(store: Store, dossier: Dossier, status: str, outcome: str, at: datetime) -> None:
    """Close the dossier: nobody acts on it any more, a pending pause ends."""
    store.end_pauses(dossier, at)
    dossier.status = status
    dossier.outcome = outcome
    dossier.finished_at = at
    dossier.assignee = None
    dossier.current_role = ""
    dossier.current_agency = None


# ---------------------------------------------------------------- creation


def create(
    store: Store,
    *,
    procedure: Procedure,
    version: ProcedureVersion,
    agency: Agency,
    handling_agency: Agency | None,
    applicant: Applicant,
    documents_received,
    channel: str,
    delivery: str,
    status: str,
    at: datetime,
    sets: int = 1,
    fee_amount: int | None = None,
    form_data: dict | None = None,
) -> Dossier:
    """A new dossier with its code and the version's documents, those handed in marked;
    `form_data` holds the declaration's answers, already validated (`catalog.eforms`)."""
    applicant.validate()
    received = set(documents_received)
    dossier = Dossier(
        code=store.next_code(agency, at),
        procedure=procedure,
        procedure_version=version,
        receiving_agency=agency,
        handling_agency=handling_agency or agency,
        channel=channel,
        delivery=delivery,
        status=status,
        sets=sets,
        fee_amount=(procedure.fee_amount or 0) if fee_amount is None else fee_amount,
        submitted_at=at,
        form_data=form_data or {},
        **applicant.as_fields(),
        applicant_name_folded=fold(applicant.name),
    )
    documents = [
        DossierDocument(
            order=i,
            name=d["name"],
            form=d["form"],
            copies=d["copies"],
            mandatory=d["mandatory"],
            received=i in received,
        )
        for i, d in enumerate(version.data["documents"], start=1)
    ]
    store.add_dossier(dossier, documents)
    return dossier


def receive(store: Store, *, actor, note: str = "", at: datetime, **new) -> Dossier:
    """A complete dossier received at the desk: the clock starts."""
    dossier = create(store, status=Status.RECEIVED, at=at, **new)
    start_clock(store, dossier, at)
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.RECEIVE,
        from_status="",
        at=at,
        note=note,
        agency=dossier.receiving_agency,
    )
    return dossier


def submit(store: Store, *, applicant_user, at: datetime, **new) -> Dossier:
    """An online submission, waiting for the desk; no clock runs."""
    dossier = create(store, status=Status.SUBMITTED, channel=Channel.ONLINE, at=at, **new)
    dossier.applicant_user = applicant_user
    record(
        store,
        dossier,
        actor=applicant_user,
        kind=EventKind.SUBMIT,
        from_status="",
        at=at,
        agency=dossier.receiving_agency,
    )
    return dossier


def refuse_at_reception(store: Store, *, actor, reason: str, at: datetime, **new) -> Dossier:
    """A dossier not admitted at the desk (form 03): recorded, closed at once."""
    reason = require_note(reason, "lý do từ chối")
    dossier = create(store, status=Status.REFUSED, fee_amount=0, at=at, **new)
    dossier.received_at = at
    finish(store, dossier, Status.REFUSED, Outcome.REFUSED, at)
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.REFUSE_AT_RECEPTION,
        from_status="",
        at=at,
        note=reason,
        agency=dossier.receiving_agency,
    )
    return dossier


# ---------------------------------------------------------------- transitions


def accept(
    store: Store, dossier: Dossier, *, actor, handling_agency: Agency | None, at: datetime
) -> Dossier:
    if handling_agency is not None:
        dossier.handling_agency = handling_agency
    # The code carries the date of reception: a submission accepted on a later day takes
    # a number of that day (the event keeps the code it was submitted under).
    submitted_code = dossier.code
    if timezone.localtime(dossier.submitted_at).date() != timezone.localtime(at).date():
        dossier.code = store.next_code(dossier.receiving_agency, at)
    dossier.status = Status.RECEIVED
    start_clock(store, dossier, at)
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.ACCEPT,
        from_status=Status.SUBMITTED,
        at=at,
        agency=dossier.receiving_agency,
        payload={"submitted_code": submitted_code} if submitted_code != dossier.code else {},
    )
    return dossier


def forward(
    store: Store, dossier: Dossier, *, actor, note: str = "", assignee=None, at: datetime
) -> Dossier:
    from_status = dossier.status
    dossier.status = Status.IN_PROGRESS
    hand_over(
        store,
        dossier,
        actor=actor,
        kind=EventKind.FORWARD,
        from_status=from_status,
        to_step=dossier.current_step + 1,
        at=at,
        note=note,
        assignee=assignee,
    )
    return dossier


def request_supplement(
    store: Store, dossier: Dossier, *, actor, items: list[str], note: str = "", at: datetime
) -> Dossier:
    items = [item.strip() for item in items if item and item.strip()]
    if not items:
        raise InvalidInput({"items": "Cần liệt kê đầy đủ các nội dung cần bổ sung."})
    from_status = dossier.status
    dossier.status = Status.WAITING_SUPPLEMENT
    store.add_pause(dossier, Pause(started_at=at, reason="; ".join(items)))
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.REQUEST_SUPPLEMENT,
        from_status=from_status,
        at=at,
        note=note,
        payload={"items": items},
    )
    return dossier


def receive_supplement(
    store: Store, dossier: Dossier, *, actor, note: str = "", at: datetime
) -> Dossier:
    """The clock runs again: the deadlines move back by the paused working time (or
    restart, for procedures that say so), and the appointment never moves earlier."""
    if at < store.open_pause(dossier).started_at:
        raise InvalidInput({"at": "Thời điểm nhận bổ sung không thể trước khi yêu cầu bổ sung."})
    store.end_pauses(dossier, at)
    dossier.status = store.last_event(dossier, EventKind.REQUEST_SUPPLEMENT).from_status
    if dossier.status != Status.SUBMITTED:
        if dossier.procedure_version.data.get("restart_on_supplement"):
            dossier.received_at = at
            dossier.step_started_at = at
        refresh_deadlines(store, dossier)
        dossier.appointment_at = max(dossier.appointment_at or dossier.due_at, dossier.due_at)
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.RECEIVE_SUPPLEMENT,
        from_status=Status.WAITING_SUPPLEMENT,
        at=at,
        note=note,
        payload={
            "due_at": timezone.localtime(dossier.due_at).isoformat() if dossier.due_at else None
        },
    )
    return dossier


def approve(
    store: Store, dossier: Dossier, *, actor, note: str = "", payload: dict, at: datetime
) -> Dossier:
    """Approved: on to the step after the approver's; `payload` says how the result was
    signed."""
    dossier.status = Status.APPROVED
    hand_over(
        store,
        dossier,
        actor=actor,
        kind=EventKind.APPROVE,
        from_status=Status.IN_PROGRESS,
        to_step=min(dossier.current_step + 1, len(dossier.steps) - 1),
        at=at,
        note=note,
        payload=payload,
    )
    return dossier


def mark_result_ready(
    store: Store, dossier: Dossier, *, actor, note: str = "", at: datetime
) -> Dossier:
    dossier.status = Status.RESULT_READY
    hand_over(
        store,
        dossier,
        actor=actor,
        kind=EventKind.MARK_RESULT_READY,
        from_status=Status.APPROVED,
        to_step=len(dossier.steps) - 1,
        at=at,
        note=note,
    )
    return dossier


def return_result(
    store: Store, dossier: Dossier, *, actor, note: str = "", at: datetime
) -> Dossier:
    """Returned: early, on time or late against the legal deadline, at the moment the rule
    set names (the result ready or returned); a late result without an apology needs its
    reason (`motcua.rules.enforcement`)."""
    ready = store.last_event(dossier, EventKind.MARK_RESULT_READY)
    moment = enforcement.classification_moment(dossier, at, ready)
    outcome = engine.classify(dossier.due_at, moment, store.calendar(dossier))
    apologised = store.last_event(dossier, EventKind.APOLOGISE_AND_RESCHEDULE) is not None
    flags = enforcement.check_late_return(outcome, apologised, note)
    finish(store, dossier, Status.RETURNED, outcome, at)
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.RETURN_RESULT,
        from_status=Status.RESULT_READY,
        at=at,
        note=note,
        agency=dossier.receiving_agency,
        payload={"outcome": dossier.outcome} | flags,
    )
    return dossier


def close(
    store: Store, dossier: Dossier, *, actor, kind: str, reason: str, at: datetime
) -> Dossier:
    """Refuse (form 03) or withdraw (at the applicant's written request), with the reason."""
    status, outcome, what = {
        EventKind.REFUSE: (Status.REFUSED, Outcome.REFUSED, "lý do từ chối"),
        EventKind.WITHDRAW: (Status.WITHDRAWN, Outcome.WITHDRAWN, "lý do rút hồ sơ"),
    }[kind]
    reason = require_note(reason, what)
    from_status = dossier.status
    finish(store, dossier, status, outcome, at)
    record(store, dossier, actor=actor, kind=kind, from_status=from_status, at=at, note=reason)
    return dossier


def apologise_and_reschedule(
    store: Store,
    dossier: Dossier,
    *,
    actor,
    reason: str,
    new_appointment: datetime,
    at: datetime,
) -> Dossier:
    """A new appointment with a written apology (form 04); the legal deadline stays."""
    reason = require_note(reason, "lý do chậm trễ")
    if timezone.is_naive(new_appointment):
        raise InvalidInput({"new_appointment": "Thời điểm hẹn mới phải có múi giờ."})
    if new_appointment <= max(at, dossier.appointment_at):
        raise InvalidInput({"new_appointment": "Ngày hẹn mới phải sau ngày hẹn hiện tại."})
    old = dossier.appointment_at
    dossier.appointment_at = new_appointment
    record(
        store,
        dossier,
        actor=actor,
        kind=EventKind.APOLOGISE_AND_RESCHEDULE,
        from_status=dossier.status,
        at=at,
        note=reason,
        payload={
            "old_appointment": timezone.localtime(old).isoformat(),
            "new_appointment": timezone.localtime(new_appointment).isoformat(),
        },
    )
    return dossier


def transfer(
    store: Store,
    dossier: Dossier,
    *,
    receiving: Agency,
    handling: Agency,
    keep_assignee: bool,
    at: datetime,
    note: str,
    payload: dict,
) -> Dossier:
    """Hand an open dossier to the agencies that took over its receiving and handling ones
    (a re-organisation): the code, the step, the clock and the legal deadline stay."""
    dossier.receiving_agency = receiving
    dossier.handling_agency = handling
    if dossier.current_role:
        dossier.current_agency = agency_for(dossier, dossier.current_role)
    if not keep_assignee:
        dossier.assignee = None
    record(
        store,
        dossier,
        actor=None,
        kind=EventKind.TRANSFER,
        from_status=dossier.status,
        at=at,
        note=note,
        payload=payload,
        agency=handling,
    )
    return dossier
