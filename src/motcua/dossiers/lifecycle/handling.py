"""A received dossier moves: assigned, handed from step to step, paused for a supplement,
approved, returned, refused or withdrawn, rescheduled with an apology."""

from datetime import datetime

from django.utils import timezone

from motcua.org.access import may
from motcua.org.models import Agency
from motcua.rules import enforcement

from ..errors import DossierStateError, InvalidInput
from ..files import store_blob
from ..models import (
    OPEN_STATUSES,
    RECEIVED_OPEN_STATUSES,
    Dossier,
    DossierFile,
    EventKind,
    FileKind,
    Status,
)
from . import steps
from .rules import agency_for, begin, lock, operation, require_note
from .store import DATABASE


def _may_take(assignee, dossier: Dossier, step: int) -> None:
    role = dossier.steps[step]["role"]
    if not may(assignee, role, agency_for(dossier, role)):
        raise InvalidInput(
            {"assignee": f"{steps.display_name(assignee)} không có vai trò xử lý bước này."}
        )


@operation
def assign(
    dossier: Dossier, *, actor, assignee, expected_version: int | None = None, at=None
) -> Dossier:
    """Give the current step to one person who holds its role."""
    dossier, at = begin(dossier, actor, EventKind.ASSIGN, expected_version, at)
    _may_take(assignee, dossier, dossier.current_step)
    dossier.assignee = assignee
    steps.record(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.ASSIGN,
        from_status=dossier.status,
        at=at,
        payload={"assignee": assignee.pk, "assignee_name": steps.display_name(assignee)},
        public=False,
    )
    return dossier


@operation
def forward(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    assignee=None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Finish the current step and hand the dossier to the next one (a row of form 05)."""
    dossier, at = begin(dossier, actor, EventKind.FORWARD, expected_version, at)
    if assignee is not None:
        _may_take(assignee, dossier, dossier.current_step + 1)
    return steps.forward(DATABASE, dossier, actor=actor, note=note, assignee=assignee, at=at)


@operation
def send_back(
    dossier: Dossier, *, actor, note: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Return the dossier to the previous step, with the reason."""
    dossier, at = begin(dossier, actor, EventKind.SEND_BACK, expected_version, at)
    note = require_note(note, "lý do chuyển lại")
    if dossier.current_step == 0:
        raise DossierStateError("Hồ sơ đang ở bước đầu tiên.")
    steps.hand_over(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.SEND_BACK,
        from_status=Status.IN_PROGRESS,
        to_step=dossier.current_step - 1,
        at=at,
        note=note,
    )
    return dossier


@operation
def request_supplement(
    dossier: Dossier,
    *,
    actor,
    items: list[str],
    note: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Ask the applicant, once and completely, for what is missing (form 02). The clock pauses."""
    dossier, at = begin(dossier, actor, EventKind.REQUEST_SUPPLEMENT, expected_version, at)
    enforcement.check_supplement_request(dossier, at)
    return steps.request_supplement(DATABASE, dossier, actor=actor, items=items, note=note, at=at)


@operation
def receive_supplement(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """The applicant's supplement arrived: the clock runs again, the deadline moves back by
    the paused working time (or restarts, for procedures that say so)."""
    dossier, at = begin(dossier, actor, EventKind.RECEIVE_SUPPLEMENT, expected_version, at)
    return steps.receive_supplement(DATABASE, dossier, actor=actor, note=note, at=at)


def _sign_result(dossier: Dossier, actor, at: datetime, password: str | None):
    """The result signed for this approval (see motcua.signing.results for the policy)."""
    # Imported here so that the signing stack (pyHanko, WeasyPrint) loads only when an
    # approval signs, not with every use of the lifecycle.
    from motcua.signing.errors import SigningError
    from motcua.signing.results import sign_result_for_approval

    try:
        return sign_result_for_approval(dossier, actor, at=at, password=password)
    except SigningError as error:
        raise InvalidInput(
            {"signing_password": f"Chưa phê duyệt: không ký số được kết quả. {error.message}"}
        ) from error


@operation
def approve(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    signing_password: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """The leader approves (signs) the result; the dossier moves to the steps after approval.

    The result (the latest result PDF, or one generated from the procedure's result) is
    signed with the approver's certificate or the handling agency's; `signing_password`
    unlocks one that asks for it. The signed file becomes the dossier's result and its
    sha256 goes in the event (`signed_result_sha256`); without a certificate the event
    records `result_signed: false`. Signing comes before any row changes: if it fails,
    InvalidInput says why and the dossier stays as it was.
    """
    dossier, at = begin(dossier, actor, EventKind.APPROVE, expected_version, at)
    signed = _sign_result(dossier, actor, at, signing_password)
    payload = dict(signed.payload)
    if signed.content is not None:
        result = DossierFile.objects.create(
            dossier=dossier,
            kind=FileKind.RESULT,
            name=signed.name[:255],
            blob=store_blob(signed.content, field="signing_password"),
            uploaded_by=actor if actor and actor.is_authenticated else None,
            uploaded_at=at,
        )
        payload["result_file"] = result.pk
    return steps.approve(DATABASE, dossier, actor=actor, note=note, payload=payload, at=at)


@operation
def mark_result_ready(
    dossier: Dossier, *, actor, note: str = "", expected_version: int | None = None, at=None
) -> Dossier:
    """The result is at the desk, waiting for the applicant."""
    dossier, at = begin(dossier, actor, EventKind.MARK_RESULT_READY, expected_version, at)
    return steps.mark_result_ready(DATABASE, dossier, actor=actor, note=note, at=at)


@operation
def return_result(
    dossier: Dossier, *, actor, note: str = "", expected_version: int | None = None, at=None
) -> Dossier:
    """Give the result to the applicant (form 06 line); the dossier is classified
    early, on time or late against its legal deadline."""
    dossier, at = begin(dossier, actor, EventKind.RETURN_RESULT, expected_version, at)
    return steps.return_result(DATABASE, dossier, actor=actor, note=note, at=at)


@operation
def _close(dossier: Dossier, kind: str, *, actor, reason: str, expected_version, at) -> Dossier:
    dossier, at = begin(dossier, actor, kind, expected_version, at)
    return steps.close(DATABASE, dossier, actor=actor, kind=kind, reason=reason, at=at)


def refuse(
    dossier: Dossier, *, actor, reason: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Refuse the dossier after review, with the reasons (form 03)."""
    return _close(
        dossier,
        EventKind.REFUSE,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
        at=at,
    )


def withdraw(
    dossier: Dossier, *, actor, reason: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Withdraw the dossier at the applicant's written request."""
    return _close(
        dossier,
        EventKind.WITHDRAW,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
        at=at,
    )


@operation
def apologise_and_reschedule(
    dossier: Dossier,
    *,
    actor,
    reason: str,
    new_appointment: datetime,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Apologise in writing for a delay and give a new appointment (form 04).

    The legal deadline does not move: a dossier resolved after it still counts as late.
    """
    dossier, at = begin(dossier, actor, EventKind.APOLOGISE_AND_RESCHEDULE, expected_version, at)
    enforcement.check_apology(dossier, at)
    enforcement.check_appointment(dossier, new_appointment)
    return steps.apologise_and_reschedule(
        DATABASE, dossier, actor=actor, reason=reason, new_appointment=new_appointment, at=at
    )


@operation
def recompute_deadlines(dossier: Dossier) -> Dossier:
    """Recompute the deadlines of an open dossier after the calendar changed."""
    dossier = lock(dossier, None)
    if dossier.status not in RECEIVED_OPEN_STATUSES:
        return dossier
    old = dossier.due_at
    steps.refresh_deadlines(DATABASE, dossier)
    if dossier.appointment_at == old:
        dossier.appointment_at = dossier.due_at
    if dossier.due_at == old:
        return dossier
    steps.record(
        DATABASE,
        dossier,
        actor=None,
        kind=EventKind.RECOMPUTE_DEADLINES,
        from_status=dossier.status,
        at=timezone.now(),
        payload={
            "old_due_at": timezone.localtime(old).isoformat(),
            "due_at": timezone.localtime(dossier.due_at).isoformat(),
        },
        public=False,
    )
    return dossier


@operation
def transfer(
    dossier: Dossier,
    *,
    receiving: Agency,
    handling: Agency,
    at: datetime,
    note: str,
    payload: dict,
) -> Dossier:
    """Move an open dossier to the successors of its agencies (`motcua.org.reorganise`);
    its assignee keeps it when they may still act at the step's new agency."""
    dossier = lock(dossier, None)
    if dossier.status not in OPEN_STATUSES:
        raise DossierStateError(f"Hồ sơ {dossier.code} đã kết thúc, không chuyển cơ quan.")
    new_agency = receiving if dossier.current_agency_id == dossier.receiving_agency_id else handling
    keep = dossier.assignee is not None and may(dossier.assignee, dossier.current_role, new_agency)
    return steps.transfer(
        DATABASE,
        dossier,
        receiving=receiving,
        handling=handling,
        keep_assignee=keep,
        at=at,
        note=note,
        payload=payload,
    )
