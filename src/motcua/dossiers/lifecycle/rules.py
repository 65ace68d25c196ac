"""Who may do what, when: the transition table and the checks every transition begins with."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from motcua.org.access import may
from motcua.org.models import Agency, Role
from motcua.request_memo import remembering

from ..errors import ConflictError, DossierStateError, InvalidInput, NotAllowed
from ..models import Dossier, EventKind, FileKind, Status


@dataclass(frozen=True)
class Transition:
    """A row of the transition table: from which statuses, to which, by which roles.

    `target` None keeps the status (assign, reschedule) or, for receive_supplement, returns
    to the status the dossier had before the request. `step_bound` transitions are done by
    the role of the dossier's current internal step (the desk's receiver for an online
    submission not yet accepted), or by one of the `whatever_the_step` roles. A transition records the event of
    its name.
    """

    name: str
    sources: tuple[str, ...]
    target: str | None
    roles: tuple[str, ...]
    step_bound: bool = False
    whatever_the_step: tuple[str, ...] = ()


_OPEN_BEFORE_RESULT = (
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.IN_PROGRESS,
    Status.WAITING_SUPPLEMENT,
    Status.APPROVED,
)

TRANSITIONS = {
    t.name: t
    for t in [
        Transition(EventKind.SUBMIT, (), Status.SUBMITTED, ()),
        Transition(EventKind.ACCEPT, (Status.SUBMITTED,), Status.RECEIVED, (Role.RECEIVER,)),
        Transition(EventKind.RECEIVE, (), Status.RECEIVED, (Role.RECEIVER,)),
        Transition(EventKind.REFUSE_AT_RECEPTION, (), Status.REFUSED, (Role.RECEIVER,)),
        Transition(
            EventKind.ASSIGN,
            (Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED),
            None,
            (Role.RECEIVER, Role.HANDLER, Role.APPROVER),
            step_bound=True,
        ),
        Transition(
            EventKind.FORWARD,
            (Status.RECEIVED, Status.IN_PROGRESS),
            Status.IN_PROGRESS,
            (Role.RECEIVER, Role.HANDLER),
            step_bound=True,
        ),
        Transition(
            EventKind.SEND_BACK,
            (Status.IN_PROGRESS,),
            Status.IN_PROGRESS,
            (Role.HANDLER, Role.APPROVER),
            step_bound=True,
        ),
        Transition(
            EventKind.REQUEST_SUPPLEMENT,
            (Status.SUBMITTED, Status.RECEIVED, Status.IN_PROGRESS),
            Status.WAITING_SUPPLEMENT,
            (Role.RECEIVER, Role.HANDLER),
        ),
        Transition(
            EventKind.RECEIVE_SUPPLEMENT, (Status.WAITING_SUPPLEMENT,), None, (Role.RECEIVER,)
        ),
        Transition(
            EventKind.APPROVE,
            (Status.IN_PROGRESS,),
            Status.APPROVED,
            (Role.APPROVER,),
            step_bound=True,
        ),
        Transition(
            EventKind.MARK_RESULT_READY,
            (Status.APPROVED,),
            Status.RESULT_READY,
            (Role.HANDLER, Role.APPROVER, Role.RETURNER),
        ),
        Transition(
            EventKind.RETURN_RESULT, (Status.RESULT_READY,), Status.RETURNED, (Role.RETURNER,)
        ),
        # Refusing belongs to the holder of the current step, or to the approver.
        Transition(
            EventKind.REFUSE,
            _OPEN_BEFORE_RESULT,
            Status.REFUSED,
            (Role.RECEIVER, Role.HANDLER, Role.APPROVER),
            step_bound=True,
            whatever_the_step=(Role.APPROVER,),
        ),
        Transition(EventKind.WITHDRAW, _OPEN_BEFORE_RESULT, Status.WITHDRAWN, (Role.RECEIVER,)),
        Transition(
            EventKind.APOLOGISE_AND_RESCHEDULE,
            (Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED, Status.RESULT_READY),
            None,
            (Role.HANDLER, Role.APPROVER),
        ),
    ]
}

STATUS_NAMES = dict(Status.choices)
# Where each role acts: the desk's roles at the receiving agency, the others at the handler.
_DESK_ROLES = {Role.RECEIVER, Role.RETURNER}

# Who may attach which kind of file, and when.
ATTACH_STATUSES = {
    FileKind.DOCUMENT: (Status.SUBMITTED, Status.RECEIVED),
    FileKind.SUPPLEMENT: (Status.WAITING_SUPPLEMENT,),
    FileKind.RESULT: (Status.IN_PROGRESS, Status.APPROVED),
}


def allowed_actions(dossier: Dossier, user) -> list[str]:
    """The transitions `user` may perform on `dossier` now, in table order."""
    return [
        name
        for name, transition in TRANSITIONS.items()
        if transition.sources and _permitted(dossier, user, transition) is None
    ]


def agency_for(dossier: Dossier, role: str) -> Agency:
    return dossier.receiving_agency if role in _DESK_ROLES else dossier.handling_agency


def may_attach(dossier: Dossier, user, kind: str) -> bool:
    """The applicant adds documents before acceptance and supplements when asked; the desk
    does the same for them; handlers and approvers add the result."""
    if dossier.status not in ATTACH_STATUSES[kind]:
        return False
    if kind == FileKind.RESULT:
        return any(
            may(user, role, dossier.handling_agency) for role in (Role.HANDLER, Role.APPROVER)
        )
    is_applicant = user.is_authenticated and dossier.applicant_user_id == user.pk
    return is_applicant or may(user, Role.RECEIVER, dossier.receiving_agency)


def _permitted(dossier: Dossier, user, transition: Transition) -> str | None:
    """None when allowed, else why not (Vietnamese, for the user)."""
    if dossier.status not in transition.sources:
        return f"Không thể thực hiện khi hồ sơ đang ở trạng thái “{STATUS_NAMES[dossier.status]}”."
    if transition.name == EventKind.FORWARD and _next_is_final(dossier):
        return "Bước tiếp theo là phê duyệt hoặc trả kết quả, không chuyển tiếp được."
    roles = transition.roles
    if transition.step_bound:
        # An online submission waits at the desk before its first step.
        at_desk = Role.RECEIVER if dossier.status == Status.SUBMITTED else None
        step_role = dossier.step["role"] if dossier.step else at_desk
        roles = tuple(r for r in roles if r == step_role or r in transition.whatever_the_step)
    if not any(may(user, role, agency_for(dossier, role)) for role in roles):
        return "Bạn không có quyền thực hiện thao tác này với hồ sơ này."
    return None


def _next_is_final(dossier: Dossier) -> bool:
    """Forwarding stops before the approver's step and before the returner's last step."""
    if dossier.current_step is None or dossier.current_step + 1 >= len(dossier.steps):
        return True
    following = dossier.steps[dossier.current_step + 1]
    return dossier.current_step + 1 == len(dossier.steps) - 1 and following["role"] == Role.RETURNER


# ---------------------------------------------------------------- the preamble


def operation(function):
    """A lifecycle operation: one transaction, in which the facts it reads more than once
    (the revision tokens, the actor's roles) are read once (`request_memo.remembering`)."""
    return remembering()(transaction.atomic(function))


def moment(at: datetime | None) -> datetime:
    """`at`, or now when None; a naive moment is refused."""
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise InvalidInput({"at": "Thời điểm phải có múi giờ."})
    return at


def lock(dossier: Dossier, expected_version: int | None) -> Dossier:
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


def begin(
    dossier: Dossier, actor, name: str, expected_version: int | None, at: datetime | None
) -> tuple[Dossier, datetime]:
    """What every transition on an existing dossier starts with: the moment, the dossier
    re-read under its lock at the version the user saw, and the check that `actor` may do
    transition `name` now. Raises the LifecycleError that says why not."""
    at = moment(at)
    dossier = lock(dossier, expected_version)
    transition = TRANSITIONS[name]
    reason = _permitted(dossier, actor, transition)
    if reason is None:
        return dossier, at
    if dossier.status not in transition.sources:
        raise DossierStateError(reason)
    raise NotAllowed(reason)


def require_note(note: str, what: str) -> str:
    note = (note or "").strip()
    if not note:
        raise InvalidInput({"note": f"Cần ghi rõ {what}."})
    return note
