"""Every change of a dossier's state: one function per transition.

Each function checks who acts and where, validates, changes the rows and appends the
`DossierEvent` in one transaction. A failed call raises a `LifecycleError` (with a message
for the user) and changes nothing. Views, the API, the CLI and the demo call these functions;
nothing else writes dossier state.

>>> dossier = receive(actor=receiver, procedure=marriage, agency=commune, applicant=applicant,
...                   documents_received=[1, 2])
>>> dossier = forward(dossier, actor=receiver)
>>> dossier.status
'in_progress'
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import current_version
from motcua.org.access import may
from motcua.org.models import Agency, Role
from motcua.rules import enforcement
from motcua.text import fold

from . import deadlines
from .applicants import Applicant
from .codes import code_at_reception, next_dossier_code
from .errors import ConflictError, DossierStateError, InvalidInput, NotAllowed
from .events import GENESIS, seal
from .files import store_blob
from .models import (
    RUNNING_STATUSES,
    Channel,
    Delivery,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFile,
    FileKind,
    Outcome,
    Pause,
    Payment,
    PaymentStatus,
    Rating,
    Satisfaction,
    Status,
)
from .signals import event_recorded


@dataclass(frozen=True)
class Transition:
    """A row of the transition table: from which statuses, to which, by which roles.

    `target` None keeps the status (assign, reschedule) or, for receive_supplement, returns
    to the status the dossier had before the request. `step_bound` transitions are done by
    the role of the dossier's current internal step.
    """

    name: str
    sources: tuple[str, ...]
    target: str | None
    roles: tuple[str, ...]
    step_bound: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", (), Status.SUBMITTED, ()),
        Transition("accept", (Status.SUBMITTED,), Status.RECEIVED, (Role.RECEIVER,)),
        Transition("receive", (), Status.RECEIVED, (Role.RECEIVER,)),
        Transition("refuse_at_reception", (), Status.REFUSED, (Role.RECEIVER,)),
        Transition(
            "assign",
            (Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED),
            None,
            (Role.RECEIVER, Role.HANDLER, Role.APPROVER),
            step_bound=True,
        ),
        Transition(
            "forward",
            (Status.RECEIVED, Status.IN_PROGRESS),
            Status.IN_PROGRESS,
            (Role.RECEIVER, Role.HANDLER),
            step_bound=True,
        ),
        Transition(
            "send_back",
            (Status.IN_PROGRESS,),
            Status.IN_PROGRESS,
            (Role.HANDLER, Role.APPROVER),
            step_bound=True,
        ),
        Transition(
            "request_supplement",
            (Status.SUBMITTED, Status.RECEIVED, Status.IN_PROGRESS),
            Status.WAITING_SUPPLEMENT,
            (Role.RECEIVER, Role.HANDLER),
        ),
        Transition("receive_supplement", (Status.WAITING_SUPPLEMENT,), None, (Role.RECEIVER,)),
        Transition(
            "approve", (Status.IN_PROGRESS,), Status.APPROVED, (Role.APPROVER,), step_bound=True
        ),
        Transition(
            "mark_result_ready",
            (Status.APPROVED,),
            Status.RESULT_READY,
            (Role.HANDLER, Role.APPROVER, Role.RETURNER),
        ),
        Transition("return_result", (Status.RESULT_READY,), Status.RETURNED, (Role.RETURNER,)),
        Transition(
            "refuse",
            (
                Status.SUBMITTED,
                Status.RECEIVED,
                Status.IN_PROGRESS,
                Status.WAITING_SUPPLEMENT,
                Status.APPROVED,
            ),
            Status.REFUSED,
            (Role.RECEIVER, Role.HANDLER, Role.APPROVER),
        ),
        Transition(
            "withdraw",
            (
                Status.SUBMITTED,
                Status.RECEIVED,
                Status.IN_PROGRESS,
                Status.WAITING_SUPPLEMENT,
                Status.APPROVED,
            ),
            Status.WITHDRAWN,
            (Role.RECEIVER,),
        ),
        Transition(
            "apologise_and_reschedule",
            (Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED, Status.RESULT_READY),
            None,
            (Role.HANDLER, Role.APPROVER),
        ),
    ]
}

STATUS_NAMES = dict(Status.choices)
# Where each role acts: the desk's roles at the receiving agency, the others at the handler.
_DESK_ROLES = {Role.RECEIVER, Role.RETURNER}


# ---------------------------------------------------------------- reading helpers


def allowed_actions(dossier: Dossier, user) -> list[str]:
    """The transitions `user` may perform on `dossier` now, in table order."""
    return [
        name
        for name, transition in TRANSITIONS.items()
        if transition.sources and _permitted(dossier, user, transition) is None
    ]


def agency_for(dossier: Dossier, role: str) -> Agency:
    return dossier.receiving_agency if role in _DESK_ROLES else dossier.handling_agency


def _permitted(dossier: Dossier, user, transition: Transition) -> str | None:
    """None when allowed, else why not (Vietnamese, for the user)."""
    if dossier.status not in transition.sources:
        return f"Không thể thực hiện khi hồ sơ đang ở trạng thái “{STATUS_NAMES[dossier.status]}”."
    if transition.name == "forward" and _next_is_final(dossier):
        return "Bước tiếp theo là phê duyệt hoặc trả kết quả, không chuyển tiếp được."
    roles = transition.roles
    if transition.step_bound:
        step_role = dossier.step["role"] if dossier.step else None
        roles = tuple(r for r in roles if r == step_role)
    if not any(may(user, role, agency_for(dossier, role)) for role in roles):
        return "Bạn không có quyền thực hiện thao tác này với hồ sơ này."
    return None


def _next_is_final(dossier: Dossier) -> bool:
    """Forwarding stops before the approver's step and before the returner's last step."""
    if dossier.current_step is None or dossier.current_step + 1 >= len(dossier.steps):
        return True
    following = dossier.steps[dossier.current_step + 1]
    return dossier.current_step + 1 == len(dossier.steps) - 1 and following["role"] == Role.RETURNER


# ---------------------------------------------------------------- the machinery


def _now(at: datetime | None) -> datetime:
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise InvalidInput({"at": "Thời điểm phải có múi giờ."})
    return at


def _lock(dossier: Dossier, expected_version: int | None) -> Dossier:
    """Re-read the dossier under a row lock. With `expected_version` (the version the user
    saw, sent back by every form), refuse if someone changed it meanwhile."""
    fresh = (
        Dossier.objects.select_for_update()
        .select_related("procedure_version", "receiving_agency", "handling_agency", "procedure")
        .get(pk=dossier.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise ConflictError(
            "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang để xem trạng thái mới nhất."
        )
    return fresh


def _check(dossier: Dossier, actor, name: str) -> Transition:
    transition = TRANSITIONS[name]
    reason = _permitted(dossier, actor, transition)
    if reason is None:
        return transition
    if dossier.status not in transition.sources:
        raise DossierStateError(reason)
    raise NotAllowed(reason)


def _record(
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
    """Save the dossier with a new version and append its event to the chain."""
    dossier.version += 1
    dossier.save()
    last = dossier.events.order_by("-sequence").values_list("sequence", "hash").first()
    event = DossierEvent(
        dossier=dossier,
        sequence=(last[0] + 1) if last else 1,
        at=at,
        actor=actor if actor and actor.is_authenticated else None,
        actor_name=_display_name(actor),
        kind=kind,
        from_status=from_status,
        to_status=dossier.status,
        step=dossier.current_step,
        agency=agency,
        note=note,
        payload=payload or {},
        public=public,
        prev_hash=last[1] if last else GENESIS,
    )
    seal(event)
    event.save()
    event_recorded.send(sender=DossierEvent, dossier=dossier, event=event)
    return event


def _display_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return ""
    return actor.get_full_name() or actor.get_username()


def _enter_step(dossier: Dossier, index: int, at: datetime, *, overall: bool = False) -> None:
    """Put the dossier at step `index` from `at`, with the step's due moment (and, with
    `overall`, the legal one)."""
    dossier.current_step = index
    dossier.current_role = dossier.steps[index]["role"]
    dossier.current_agency = agency_for(dossier, dossier.current_role)
    dossier.step_started_at = at
    dossier.assignee = None
    deadlines.refresh(dossier, overall=overall)


def _require_note(note: str, what: str) -> str:
    note = (note or "").strip()
    if not note:
        raise InvalidInput({"note": f"Cần ghi rõ {what}."})
    return note


# ---------------------------------------------------------------- creation


def _new_dossier(
    *,
    procedure: Procedure,
    version: ProcedureVersion,
    agency: Agency,
    handling_agency: Agency | None,
    applicant: Applicant,
    documents_received: list[int],
    channel: str,
    delivery: str,
    sets: int,
    fee_amount: int | None,
    status: str,
    at: datetime,
) -> Dossier:
    if not procedure.active:
        raise InvalidInput({"procedure": "Thủ tục này không còn áp dụng."})
    if not procedure.agency_kinds.filter(pk=agency.kind_id).exists():
        raise InvalidInput({"procedure": f"{agency} không tiếp nhận thủ tục “{procedure.name}”."})
    handling_agency = handling_agency or agency
    if not handling_agency.path.startswith(agency.path):
        raise InvalidInput({"handling_agency": "Cơ quan giải quyết phải thuộc cơ quan tiếp nhận."})
    if channel not in Channel.values or delivery not in Delivery.values:
        raise InvalidInput({"channel": "Kênh nộp hoặc hình thức nhận kết quả không hợp lệ."})
    if not 1 <= sets <= 99:
        raise InvalidInput({"sets": "Số bộ hồ sơ phải từ 1 đến 99."})
    if fee_amount is not None and fee_amount < 0:
        raise InvalidInput({"fee_amount": "Lệ phí không được âm."})
    applicant.validate()
    documents = version.data["documents"]
    received = set(documents_received)
    if not received <= set(range(1, len(documents) + 1)):
        raise InvalidInput({"documents": "Danh sách giấy tờ không khớp thủ tục."})
    dossier = Dossier(
        code=next_dossier_code(agency, at),
        procedure=procedure,
        procedure_version=version,
        receiving_agency=agency,
        handling_agency=handling_agency,
        channel=channel,
        delivery=delivery,
        status=status,
        sets=sets,
        fee_amount=(procedure.fee_amount or 0) if fee_amount is None else fee_amount,
        submitted_at=at,
        **applicant.as_fields(),
        applicant_name_folded=fold(applicant.name),
    )
    dossier.save()
    DossierDocument.objects.bulk_create(
        DossierDocument(
            dossier=dossier,
            order=i,
            name=d["name"],
            form=d["form"],
            copies=d["copies"],
            mandatory=d["mandatory"],
            received=i in received,
        )
        for i, d in enumerate(documents, start=1)
    )
    return dossier


def missing_mandatory(documents: list[dict], received) -> list[str]:
    """Names of the mandatory documents (a version's `documents`) not among the 1-based
    positions `received`."""
    received = {int(position) for position in received}
    return [
        d["name"] for i, d in enumerate(documents, start=1) if d["mandatory"] and i not in received
    ]


def missing_documents_message(names: list[str]) -> str:
    return "Còn thiếu giấy tờ bắt buộc: " + "; ".join(names) + "."


def _start_clock(dossier: Dossier, at: datetime) -> None:
    dossier.received_at = at
    _enter_step(dossier, 0, at, overall=True)
    dossier.appointment_at = dossier.due_at


@transaction.atomic
def receive(
    *,
    actor,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    documents_received: list[int],
    handling_agency: Agency | None = None,
    channel: str = Channel.COUNTER,
    delivery: str = Delivery.DESK,
    sets: int = 1,
    fee_amount: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Receive a complete dossier at the desk (form 01): code, appointment, first step.

    `documents_received` are the 1-based positions of the procedure's documents handed in;
    every mandatory one must be there, or InvalidInput lists what is missing.
    """
    at = _now(at)
    if not may(actor, Role.RECEIVER, agency):
        raise NotAllowed(f"Bạn không có quyền tiếp nhận hồ sơ tại {agency}.")
    version = current_version(procedure)
    missing = missing_mandatory(version.data["documents"], documents_received)
    if missing:
        raise InvalidInput({"documents": missing_documents_message(missing)})
    dossier = _new_dossier(
        procedure=procedure,
        version=version,
        agency=agency,
        handling_agency=handling_agency,
        applicant=applicant,
        documents_received=documents_received,
        channel=channel,
        delivery=delivery,
        sets=sets,
        fee_amount=fee_amount,
        status=Status.RECEIVED,
        at=at,
    )
    _start_clock(dossier, at)
    _record(dossier, actor=actor, kind="receive", from_status="", at=at, note=note, agency=agency)
    return dossier


@transaction.atomic
def refuse_at_reception(
    *,
    actor,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    reason: str,
    documents_received: list[int] = (),
    channel: str = Channel.COUNTER,
    at: datetime | None = None,
) -> Dossier:
    """Record a dossier refused at the desk as not admissible (form 03)."""
    at = _now(at)
    if not may(actor, Role.RECEIVER, agency):
        raise NotAllowed(f"Bạn không có quyền tiếp nhận hồ sơ tại {agency}.")
    reason = _require_note(reason, "lý do từ chối")
    dossier = _new_dossier(
        procedure=procedure,
        version=current_version(procedure),
        agency=agency,
        handling_agency=None,
        applicant=applicant,
        documents_received=list(documents_received),
        channel=channel,
        delivery=Delivery.DESK,
        sets=1,
        fee_amount=0,
        status=Status.REFUSED,
        at=at,
    )
    dossier.received_at = at
    _finish(dossier, Status.REFUSED, Outcome.REFUSED, at)
    _record(
        dossier,
        actor=actor,
        kind="refuse_at_reception",
        from_status="",
        at=at,
        note=reason,
        agency=agency,
    )
    return dossier


@transaction.atomic
def submit(
    *,
    applicant_user,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    documents_received: list[int],
    delivery: str = Delivery.ONLINE,
    form_data: dict | None = None,
    at: datetime | None = None,
) -> Dossier:
    """An online submission: waits for the desk to accept it; no deadline runs yet.

    `form_data` holds the answers to the procedure's online form, already validated."""
    at = _now(at)
    if procedure.online_level == "none":
        raise InvalidInput({"procedure": "Thủ tục này chưa được cung cấp trực tuyến."})
    dossier = _new_dossier(
        procedure=procedure,
        version=current_version(procedure),
        agency=agency,
        handling_agency=None,
        applicant=applicant,
        documents_received=documents_received,
        channel=Channel.ONLINE,
        delivery=delivery,
        sets=1,
        fee_amount=None,
        status=Status.SUBMITTED,
        at=at,
    )
    dossier.applicant_user = applicant_user
    dossier.form_data = form_data or {}
    _record(dossier, actor=applicant_user, kind="submit", from_status="", at=at, agency=agency)
    return dossier


# ---------------------------------------------------------------- transitions


@transaction.atomic
def accept(
    dossier: Dossier,
    *,
    actor,
    handling_agency: Agency | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Accept an online submission: the deadline starts now (next session if outside hours)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "accept")
    if handling_agency is not None:
        if not handling_agency.path.startswith(dossier.receiving_agency.path):
            raise InvalidInput(
                {"handling_agency": "Cơ quan giải quyết phải thuộc cơ quan tiếp nhận."}
            )
        dossier.handling_agency = handling_agency
    missing = [d.name for d in dossier.documents.all() if d.mandatory and not d.received]
    if missing:
        raise InvalidInput({"documents": missing_documents_message(missing)})
    submitted_code = dossier.code
    dossier.code = code_at_reception(
        submitted_code, dossier.receiving_agency, dossier.submitted_at, at
    )
    dossier.status = Status.RECEIVED
    _start_clock(dossier, at)
    _record(
        dossier,
        actor=actor,
        kind="accept",
        from_status=Status.SUBMITTED,
        at=at,
        agency=dossier.receiving_agency,
        payload={"submitted_code": submitted_code} if submitted_code != dossier.code else {},
    )
    return dossier


@transaction.atomic
def assign(
    dossier: Dossier, *, actor, assignee, expected_version: int | None = None, at=None
) -> Dossier:
    """Give the current step to one person who holds its role."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "assign")
    role = dossier.step["role"]
    if not may(assignee, role, agency_for(dossier, role)):
        raise InvalidInput(
            {"assignee": f"{_display_name(assignee)} không có vai trò xử lý bước này."}
        )
    dossier.assignee = assignee
    _record(
        dossier,
        actor=actor,
        kind="assign",
        from_status=dossier.status,
        at=at,
        payload={"assignee": assignee.pk, "assignee_name": _display_name(assignee)},
        public=False,
    )
    return dossier


@transaction.atomic
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
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "forward")
    from_status = dossier.status
    dossier.status = Status.IN_PROGRESS
    _hand_over(
        dossier,
        actor=actor,
        kind="forward",
        from_status=from_status,
        to_step=dossier.current_step + 1,
        at=at,
        note=note,
        assignee=assignee,
    )
    return dossier


def _hand_over(
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
    _enter_step(dossier, to_step, at)
    role = dossier.step["role"]
    if assignee is not None:
        if not may(assignee, role, agency_for(dossier, role)):
            raise InvalidInput(
                {"assignee": f"{_display_name(assignee)} không có vai trò xử lý bước này."}
            )
        dossier.assignee = assignee
    _record(
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
            "assignee_name": _display_name(assignee) if assignee else "",
        }
        | (payload or {}),
    )


@transaction.atomic
def send_back(
    dossier: Dossier, *, actor, note: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Return the dossier to the previous step, with the reason."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "send_back")
    note = _require_note(note, "lý do chuyển lại")
    if dossier.current_step == 0:
        raise DossierStateError("Hồ sơ đang ở bước đầu tiên.")
    _hand_over(
        dossier,
        actor=actor,
        kind="send_back",
        from_status=Status.IN_PROGRESS,
        to_step=dossier.current_step - 1,
        at=at,
        note=note,
    )
    return dossier


@transaction.atomic
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
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "request_supplement")
    enforcement.check_supplement_request(dossier, at)
    items = [item.strip() for item in items if item and item.strip()]
    if not items:
        raise InvalidInput({"items": "Cần liệt kê đầy đủ các nội dung cần bổ sung."})
    from_status = dossier.status
    dossier.status = Status.WAITING_SUPPLEMENT
    Pause.objects.create(dossier=dossier, started_at=at, reason="; ".join(items))
    _record(
        dossier,
        actor=actor,
        kind="request_supplement",
        from_status=from_status,
        at=at,
        note=note,
        payload={"items": items},
    )
    return dossier


@transaction.atomic
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
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "receive_supplement")
    pause = dossier.pauses.get(ended_at__isnull=True)
    if at < pause.started_at:
        raise InvalidInput({"at": "Thời điểm nhận bổ sung không thể trước khi yêu cầu bổ sung."})
    pause.ended_at = at
    pause.save()
    request = dossier.events.filter(kind="request_supplement").order_by("-sequence").first()
    dossier.status = request.from_status
    if dossier.status != Status.SUBMITTED:
        if dossier.procedure_version.data.get("restart_on_supplement"):
            dossier.received_at = at
            dossier.step_started_at = at
        deadlines.refresh(dossier)
        dossier.appointment_at = max(dossier.appointment_at or dossier.due_at, dossier.due_at)
    _record(
        dossier,
        actor=actor,
        kind="receive_supplement",
        from_status=Status.WAITING_SUPPLEMENT,
        at=at,
        note=note,
        payload={
            "due_at": timezone.localtime(dossier.due_at).isoformat() if dossier.due_at else None
        },
    )
    return dossier


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


@transaction.atomic
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
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "approve")
    signed = _sign_result(dossier, actor, at, signing_password)
    dossier.status = Status.APPROVED
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
    _hand_over(
        dossier,
        actor=actor,
        kind="approve",
        from_status=Status.IN_PROGRESS,
        to_step=min(dossier.current_step + 1, len(dossier.steps) - 1),
        at=at,
        note=note,
        payload=payload,
    )
    return dossier


@transaction.atomic
def mark_result_ready(
    dossier: Dossier, *, actor, note: str = "", expected_version: int | None = None, at=None
) -> Dossier:
    """The result is at the desk, waiting for the applicant."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "mark_result_ready")
    dossier.status = Status.RESULT_READY
    _hand_over(
        dossier,
        actor=actor,
        kind="mark_result_ready",
        from_status=Status.APPROVED,
        to_step=len(dossier.steps) - 1,
        at=at,
        note=note,
    )
    return dossier


@transaction.atomic
def return_result(
    dossier: Dossier, *, actor, note: str = "", expected_version: int | None = None, at=None
) -> Dossier:
    """Give the result to the applicant (form 06 line); the dossier is classified
    early, on time or late against its legal deadline."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "return_result")
    outcome = deadlines.classify(dossier, enforcement.classification_moment(dossier, at))
    flags = enforcement.check_late_return(dossier, outcome, note)
    _finish(dossier, Status.RETURNED, outcome, at)
    _record(
        dossier,
        actor=actor,
        kind="return_result",
        from_status=Status.RESULT_READY,
        at=at,
        note=note,
        agency=dossier.receiving_agency,
        payload={"outcome": dossier.outcome} | flags,
    )
    return dossier


@transaction.atomic
def refuse(
    dossier: Dossier, *, actor, reason: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Refuse the dossier after review, with the reasons (form 03)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "refuse")
    reason = _require_note(reason, "lý do từ chối")
    from_status = dossier.status
    _finish(dossier, Status.REFUSED, Outcome.REFUSED, at)
    _record(dossier, actor=actor, kind="refuse", from_status=from_status, at=at, note=reason)
    return dossier


@transaction.atomic
def withdraw(
    dossier: Dossier, *, actor, reason: str, expected_version: int | None = None, at=None
) -> Dossier:
    """Withdraw the dossier at the applicant's written request."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "withdraw")
    reason = _require_note(reason, "lý do rút hồ sơ")
    from_status = dossier.status
    _finish(dossier, Status.WITHDRAWN, Outcome.WITHDRAWN, at)
    _record(dossier, actor=actor, kind="withdraw", from_status=from_status, at=at, note=reason)
    return dossier


def _finish(dossier: Dossier, status: str, outcome: str, at: datetime) -> None:
    """Close the dossier: nobody acts on it any more, a pending pause ends."""
    dossier.pauses.filter(ended_at__isnull=True).update(ended_at=at)
    dossier.status = status
    dossier.outcome = outcome
    dossier.finished_at = at
    dossier.assignee = None
    dossier.current_role = ""
    dossier.current_agency = None


@transaction.atomic
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
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _check(dossier, actor, "apologise_and_reschedule")
    reason = _require_note(reason, "lý do chậm trễ")
    if timezone.is_naive(new_appointment):
        raise InvalidInput({"new_appointment": "Thời điểm hẹn mới phải có múi giờ."})
    if new_appointment <= max(at, dossier.appointment_at):
        raise InvalidInput({"new_appointment": "Ngày hẹn mới phải sau ngày hẹn hiện tại."})
    enforcement.check_apology(dossier, at)
    enforcement.check_appointment(dossier, new_appointment)
    old = dossier.appointment_at
    dossier.appointment_at = new_appointment
    _record(
        dossier,
        actor=actor,
        kind="apologise_and_reschedule",
        from_status=dossier.status,
        at=at,
        note=reason,
        payload={
            "old_appointment": timezone.localtime(old).isoformat(),
            "new_appointment": timezone.localtime(new_appointment).isoformat(),
        },
    )
    return dossier


# Who may attach which kind of file, and when.
_ATTACH_STATUSES = {
    FileKind.DOCUMENT: (Status.SUBMITTED, Status.RECEIVED),
    FileKind.SUPPLEMENT: (Status.WAITING_SUPPLEMENT,),
    FileKind.RESULT: (Status.IN_PROGRESS, Status.APPROVED),
}


def may_attach(dossier: Dossier, user, kind: str) -> bool:
    """The applicant adds documents before acceptance and supplements when asked; the desk
    does the same for them; handlers and approvers add the result."""
    if dossier.status not in _ATTACH_STATUSES[kind]:
        return False
    if kind == FileKind.RESULT:
        return any(
            may(user, role, dossier.handling_agency) for role in (Role.HANDLER, Role.APPROVER)
        )
    is_applicant = user.is_authenticated and dossier.applicant_user_id == user.pk
    return is_applicant or may(user, Role.RECEIVER, dossier.receiving_agency)


@transaction.atomic
def attach_file(
    dossier: Dossier,
    *,
    actor,
    kind: str,
    content: bytes,
    name: str,
    document_order: int | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> DossierFile:
    """Add a file (checked by content: PDF, JPEG, PNG; size-limited) to the dossier."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    if kind not in FileKind.values:
        raise InvalidInput({"kind": "Loại tệp không hợp lệ."})
    if not may_attach(dossier, actor, kind):
        if dossier.status not in _ATTACH_STATUSES[kind]:
            raise DossierStateError(
                f"Không thể thêm tệp khi hồ sơ đang ở trạng thái “{STATUS_NAMES[dossier.status]}”."
            )
        raise NotAllowed("Bạn không có quyền thêm tệp vào hồ sơ này.")
    if document_order is not None and not 1 <= document_order <= len(
        dossier.procedure_version.data["documents"]
    ):
        raise InvalidInput({"document_order": "Thành phần hồ sơ không có trong thủ tục."})
    blob = store_blob(content)
    attached = DossierFile.objects.create(
        dossier=dossier,
        kind=kind,
        document_order=document_order,
        name=(name or "tep").strip()[:255],
        blob=blob,
        uploaded_by=actor if actor and actor.is_authenticated else None,
        uploaded_at=at,
    )
    if kind == FileKind.DOCUMENT and document_order is not None:
        dossier.documents.filter(order=document_order).update(received=True)
    _record(
        dossier,
        actor=actor,
        kind="attach_file",
        from_status=dossier.status,
        at=at,
        payload={
            "file": attached.pk,
            "kind": kind,
            "name": attached.name,
            "sha256": blob.sha256,
            "size": blob.size,
        },
    )
    return attached


@transaction.atomic
def recompute_deadlines(dossier: Dossier) -> Dossier:
    """Recompute the deadlines of an open dossier after the calendar changed."""
    dossier = _lock(dossier, None)
    if dossier.status not in (*RUNNING_STATUSES, Status.WAITING_SUPPLEMENT):
        return dossier
    old = dossier.due_at
    deadlines.refresh(dossier)
    if dossier.appointment_at == old:
        dossier.appointment_at = dossier.due_at
    if dossier.due_at == old:
        return dossier
    _record(
        dossier,
        actor=None,
        kind="recompute_deadlines",
        from_status=dossier.status,
        at=timezone.now(),
        payload={
            "old_due_at": timezone.localtime(old).isoformat(),
            "due_at": timezone.localtime(dossier.due_at).isoformat(),
        },
        public=False,
    )
    return dossier


@transaction.atomic
def record_payment(dossier: Dossier, *, payment: Payment, at: datetime | None = None) -> Dossier:
    """Write a settled fee payment (paid or refunded) into the dossier's history.

    The status does not change: paying is beside the handling, not a step of it.

    >>> record_payment(dossier, payment=paid).events.last().kind
    'payment'
    """
    at = _now(at)
    dossier = _lock(dossier, None)
    if payment.dossier_id != dossier.pk:
        raise InvalidInput({"payment": "Khoản thanh toán không thuộc hồ sơ này."})
    if payment.status not in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        raise InvalidInput({"payment": "Chỉ ghi nhận khoản đã thanh toán hoặc đã hoàn tiền."})
    _record(
        dossier,
        actor=None,
        kind="payment",
        from_status=dossier.status,
        at=at,
        payload={
            "reference": payment.reference,
            "amount": payment.amount,
            "status": payment.status,
            "provider": payment.provider,
        },
    )
    return dossier


RATING_COMMENT_MAX = 2000


@transaction.atomic
def rate(
    dossier: Dossier,
    *,
    actor,
    reception: int,
    handling: int,
    result: int,
    comment: str = "",
    at: datetime | None = None,
) -> Rating:
    """The applicant rates the service once the result is returned; once per dossier.

    Scores are `Satisfaction` values (1 not satisfied, 2 satisfied, 3 very satisfied).

    >>> rate(dossier, actor=citizen, reception=3, handling=3, result=2).result
    2
    """
    at = _now(at)
    dossier = _lock(dossier, None)
    if not (actor and actor.is_authenticated and dossier.applicant_user_id == actor.pk):
        raise NotAllowed("Chỉ người nộp hồ sơ mới đánh giá được.")
    if dossier.status != Status.RETURNED:
        raise DossierStateError("Chỉ đánh giá được sau khi đã nhận kết quả.")
    if Rating.objects.filter(dossier=dossier).exists():
        raise DossierStateError("Hồ sơ này đã được đánh giá.")
    scores = {"reception": reception, "handling": handling, "result": result}
    errors = {
        name: "Chọn một mức độ hài lòng."
        for name, score in scores.items()
        if score not in Satisfaction.values
    }
    comment = (comment or "").strip()
    if len(comment) > RATING_COMMENT_MAX:
        errors["comment"] = f"Góp ý dài tối đa {RATING_COMMENT_MAX} ký tự."
    if errors:
        raise InvalidInput(errors)
    rating = Rating.objects.create(dossier=dossier, comment=comment, created_at=at, **scores)
    _record(
        dossier,
        actor=actor,
        kind="rate",
        from_status=dossier.status,
        at=at,
        payload=scores,
    )
    return rating
