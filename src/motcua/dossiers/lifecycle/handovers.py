"""Reception regardless of administrative boundary (Decree 118/2025/NĐ-CP) and the
hand-over of paper originals between centres (docs/decisions/0121).

A boundary-free procedure (`Procedure.boundary_free`) is received at any service centre of
the province; the dossier keeps the receiving centre's code and goes to the competent
agency: the one the receiver chose among the agencies in force that perform the procedure,
else the one of the applicant's residence (`org.places.residence_agency`). When that agency
is outside the receiving centre, the paper originals travel: `send_originals` at the
receiving centre, `receive_originals` at the competent agency, each one transaction with
its event, due the rule set's `handover_working_days` after reception.

>>> dossier = receive(actor=receiver_a, procedure=certified_copy, agency=commune_a,
...                   applicant=living_in_b, documents_received=[1])
>>> dossier.handling_agency == commune_b, dossier.handover.state
(True, 'to_send')
>>> send_originals(dossier, actor=receiver_a).handover.state
'sent'
"""

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.catalog.services import receives_at
from motcua.org.access import acting_ids, may
from motcua.org.models import Agency, Role
from motcua.org.places import residence_agency
from motcua.rules.lookup import rule_set_at
from motcua.ui.templatetags.vn import vndatetime
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from ..errors import DossierStateError, InvalidInput, NotAllowed
from ..models import OPEN_STATUSES, Dossier, EventKind, PaperHandover
from ..queries import count_each
from . import steps
from .rules import lock, moment, operation
from .store import DATABASE

# Who receives the originals at the competent agency.
_RECEIVING_ROLES = (Role.RECEIVER, Role.HANDLER)


def _province(agency: Agency) -> str:
    """The path of the root of `agency`'s tree (the province)."""
    return agency.path.split("/", 1)[0] + "/"


def competent_agencies(procedure: Procedure, receiving: Agency, day: date | None = None):
    """The agencies of `receiving`'s province in force on `day` that perform `procedure`."""
    return Agency.objects.in_force(day).filter(
        path__startswith=_province(receiving), kind__in=procedure.agency_kinds.all()
    )


def route(
    procedure: Procedure, receiving: Agency, address: str, day: date | None = None
) -> Agency | None:
    """The competent agency of a boundary-free dossier received at `receiving` whose
    receiver chose none: the applicant's residence's; None when `receiving` itself performs
    the procedure and the residence names no other agency. InvalidInput when neither."""
    candidates = competent_agencies(procedure, receiving, day)
    home = residence_agency(address, day, among=candidates)
    if home is not None:
        return home
    if receives_at(procedure, receiving):
        return None
    raise InvalidInput(
        {
            "handling_agency": "Không xác định được cơ quan giải quyết theo nơi cư trú của"
            " người nộp; hãy chọn cơ quan giải quyết."
        }
    )


def check_anywhere(
    procedure: Procedure, receiving: Agency, handling: Agency | None, day: date | None = None
) -> None:
    """Raise InvalidInput unless `handling` may resolve a boundary-free dossier received at
    `receiving`: inside the receiving agency (as any dossier), or an agency of the same
    province in force that performs the procedure."""
    if handling is None or handling.path.startswith(receiving.path):
        return
    if not competent_agencies(procedure, receiving, day).filter(pk=handling.pk).exists():
        raise InvalidInput(
            {
                "handling_agency": f"{handling} không giải quyết thủ tục “{procedure.name}”"
                " trong tỉnh."
            }
        )


def needs_handover(dossier: Dossier) -> bool:
    return not dossier.handling_agency.path.startswith(dossier.receiving_agency.path)


def open_handover(dossier: Dossier, at: datetime) -> PaperHandover:
    """The hand-over a cross-centre reception starts (inside `receive`'s transaction)."""
    calendar = calendar_for(dossier.receiving_agency)
    rule_set = rule_set_at(at)
    due = engine.due(
        at,
        rule_set.handover_working_days,
        engine.WORKING_DAYS,
        calendar,
        counting=rule_set.counting,
    )
    return PaperHandover.objects.create(
        dossier=dossier,
        from_agency=dossier.receiving_agency,
        to_agency=dossier.handling_agency,
        due_at=due,
    )


def _locked(dossier: Dossier, expected_version: int | None) -> tuple[Dossier, PaperHandover]:
    dossier = lock(dossier, expected_version)
    handover = PaperHandover.objects.select_for_update().filter(dossier=dossier).first()
    if handover is None:
        raise DossierStateError("Hồ sơ này không có bản giấy cần chuyển giữa các trung tâm.")
    if dossier.status not in OPEN_STATUSES:
        raise DossierStateError("Hồ sơ đã kết thúc, không chuyển bản giấy nữa.")
    return dossier, handover


def _permitted(user, kind: str, handover: PaperHandover) -> bool:
    """Who sends (a receiver of the receiving desk) and who receives (a receiver or handler
    of the competent agency) the paper originals."""
    if kind == EventKind.SEND_ORIGINALS:
        return may(user, Role.RECEIVER, handover.from_agency)
    return any(may(user, role, handover.to_agency) for role in _RECEIVING_ROLES)


def handover_actions(dossier: Dossier, user) -> list[str]:
    """The hand-over steps `user` may take on `dossier` now (workspace buttons)."""
    handover = getattr(dossier, "handover", None) if dossier.pk else None
    if handover is None or dossier.status not in OPEN_STATUSES or handover.received_at:
        return []
    kind = EventKind.SEND_ORIGINALS if handover.sent_at is None else EventKind.RECEIVE_ORIGINALS
    return [kind] if _permitted(user, kind, handover) else []


@operation
def send_originals(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """The receiving centre sends the paper originals to the competent agency."""
    at = moment(at)
    dossier, handover = _locked(dossier, expected_version)
    if handover.sent_at is not None:
        raise DossierStateError(f"Bản giấy đã được gửi lúc {vndatetime(handover.sent_at)}.")
    if not _permitted(actor, EventKind.SEND_ORIGINALS, handover):
        raise NotAllowed(f"Chỉ cán bộ tiếp nhận của {handover.from_agency} gửi được bản giấy.")
    handover.sent_at, handover.sent_by = at, actor
    handover.save(update_fields=["sent_at", "sent_by"])
    steps.record(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.SEND_ORIGINALS,
        from_status=dossier.status,
        at=at,
        note=note,
        agency=handover.from_agency,
        payload={
            "to": handover.to_agency.code,
            "to_name": str(handover.to_agency),
            "handover_due_at": handover.due_at.isoformat(),
        },
    )
    return dossier


@operation
def receive_originals(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """The competent agency receives the paper originals the receiving centre sent."""
    at = moment(at)
    dossier, handover = _locked(dossier, expected_version)
    if handover.sent_at is None:
        raise DossierStateError("Nơi tiếp nhận chưa gửi bản giấy của hồ sơ này.")
    if handover.received_at is not None:
        raise DossierStateError(f"Bản giấy đã được nhận lúc {vndatetime(handover.received_at)}.")
    if not _permitted(actor, EventKind.RECEIVE_ORIGINALS, handover):
        raise NotAllowed(f"Chỉ cán bộ của {handover.to_agency} nhận được bản giấy.")
    if at < handover.sent_at:
        raise InvalidInput({"at": "Thời điểm nhận không được trước thời điểm gửi."})
    handover.received_at, handover.received_by = at, actor
    handover.save(update_fields=["received_at", "received_by"])
    steps.record(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.RECEIVE_ORIGINALS,
        from_status=dossier.status,
        at=at,
        note=note,
        agency=handover.to_agency,
        payload={
            "from": handover.from_agency.code,
            "from_name": str(handover.from_agency),
            "late": at > handover.due_at,
        },
    )
    return dossier


def _conditions(user, now: datetime) -> dict[str, Q]:
    """Which hand-overs are the user's centres' to send (as receivers of the receiving
    centre) and to receive (at the competent agency), and which of those are overdue."""
    ids = acting_ids(user)
    receivers, handlers = ids.get(Role.RECEIVER, []), ids.get(Role.HANDLER, [])
    waiting = Q(received_at__isnull=True, dossier__status__in=OPEN_STATUSES)
    to_send = waiting & Q(sent_at__isnull=True, from_agency__in=receivers)
    to_receive = waiting & Q(sent_at__isnull=False) & Q(to_agency__in=[*receivers, *handlers])
    return {
        "send": to_send,
        "receive": to_receive,
        "overdue": (to_send | to_receive) & Q(due_at__lt=now),
    }


def handovers_for(user, now: datetime | None = None) -> dict[str, QuerySet[PaperHandover]]:
    """The hand-overs of the centres where `user` works: "send", "receive", "overdue"."""
    rows = PaperHandover.objects.select_related(
        "dossier", "dossier__procedure", "from_agency", "to_agency"
    )
    return {
        name: rows.filter(condition)
        for name, condition in _conditions(user, now or timezone.now()).items()
    }


def handover_counts(user, now: datetime, since: datetime) -> dict[str, int]:
    """How many hand-overs `handovers_for` lists, and "for_others": the dossiers received
    at the user's desks since `since` for agencies of other centres; in one query."""
    conditions = _conditions(user, now)
    mine = Q(from_agency__in=acting_ids(user).get(Role.RECEIVER, []))
    for_others = mine & Q(dossier__received_at__gte=since)
    anywhere = for_others
    for condition in conditions.values():
        anywhere |= condition
    conditions["for_others"] = for_others
    return count_each(PaperHandover.objects.filter(anywhere), conditions)
