"""The rules of a dossier's rule set that the lifecycle enforces, in one place.

Each check runs inside the lifecycle function before anything changes and raises a
`LifecycleError` with a Vietnamese message; the refused call changes nothing. The checks
that read the dossier's history in the database run in the public lifecycle functions
(`lifecycle.handling`); those the demo's bulk writer must share take what they need from
the lifecycle's `Store` (`lifecycle.steps`).

- a supplement request: at most `supplement_requests` per phase (at the desk before
  reception; after reception), and never after the legal due moment;
- an apology: at most `apologies`, before the due moment and at least `apology_lead_days`
  working days ahead of it;
- returning a late result that had no apology: only with a recorded reason (counted in the
  event's payload as `late_without_apology`);
- a new appointment must fall inside working hours.

Refusing after review without a reason is refused by the lifecycle itself (`refuse`).

>>> check_supplement_request(dossier, at)   # raises DossierStateError the second time
"""

from datetime import datetime

from django.utils import timezone

from motcua.dossiers.errors import DossierStateError, InvalidInput
from motcua.dossiers.models import Dossier, DossierEvent, EventKind, Status
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .lookup import rule_set_for
from .models import ClassifyOn


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _times(count: int) -> str:
    return f"{count} lần"


def check_supplement_request(dossier: Dossier, at: datetime) -> None:
    """Refuse a supplement request beyond the set's number, or after the due moment."""
    rule_set = rule_set_for(dossier)
    before_reception = dossier.status == Status.SUBMITTED
    if not before_reception and dossier.due_at is not None and at > dossier.due_at:
        raise DossierStateError(
            f"Hồ sơ đã quá hạn giải quyết ({_when(dossier.due_at)}): không được yêu cầu bổ "
            "sung, hoàn thiện hồ sơ sau thời hạn giải quyết."
        )
    earlier = dossier.events.filter(kind=EventKind.REQUEST_SUPPLEMENT)
    if before_reception:
        earlier = earlier.filter(from_status=Status.SUBMITTED)
    else:
        earlier = earlier.exclude(from_status=Status.SUBMITTED)
    first = earlier.order_by("sequence").first()
    if first is not None and earlier.count() >= rule_set.supplement_requests:
        raise DossierStateError(
            f"{rule_set.name} chỉ cho phép yêu cầu bổ sung, hoàn thiện hồ sơ "
            f"{_times(rule_set.supplement_requests)}, một lần đầy đủ: hồ sơ đã được yêu cầu "
            f"bổ sung lúc {_when(first.at)}."
        )


def check_apology(dossier: Dossier, at: datetime) -> None:
    """Refuse an apology beyond the set's number, after the due moment, or within the lead
    time before it."""
    rule_set = rule_set_for(dossier)
    given = dossier.events.filter(kind=EventKind.APOLOGISE_AND_RESCHEDULE).count()
    if given >= rule_set.apologies:
        raise DossierStateError(
            f"{rule_set.name} chỉ cho phép xin lỗi, hẹn lại {_times(rule_set.apologies)}: "
            "hồ sơ đã có văn bản xin lỗi."
        )
    if at > dossier.due_at:
        raise DossierStateError(
            f"Văn bản xin lỗi phải gửi trước thời hạn giải quyết ({_when(dossier.due_at)}); "
            "hồ sơ đã quá hạn."
        )
    calendar = calendar_for(dossier.receiving_agency)
    lead = calendar.working_day * rule_set.apology_lead_days
    if engine.elapsed(at, dossier.due_at, calendar) < lead:
        raise DossierStateError(
            f"Văn bản xin lỗi phải gửi chậm nhất {rule_set.apology_lead_days} ngày làm việc "
            f"trước thời hạn giải quyết ({_when(dossier.due_at)})."
        )


def check_appointment(dossier: Dossier, appointment: datetime) -> None:
    """Refuse a new appointment outside the receiving desk's working hours."""
    calendar = calendar_for(dossier.receiving_agency)
    local = appointment.astimezone(calendar.tz)
    try:
        sessions = calendar.sessions_on(local.date())
    except engine.CalendarError:  # beyond the calendar's years: the weekly sessions
        sessions = calendar.weekly.get(local.weekday(), ())
    inside = any(start <= local.time() <= end for start, end in sessions)
    if not inside:
        raise InvalidInput(
            {
                "new_appointment": f"Ngày hẹn mới ({_when(appointment)}) phải trong giờ làm "
                "việc của Bộ phận Một cửa."
            }
        )


def classification_moment(
    dossier: Dossier, returned_at: datetime, ready: DossierEvent | None
) -> datetime:
    """The moment that classifies the dossier early / on time / late: the result being
    ready (`ready`, the latest mark_result_ready event) or being returned, as the
    dossier's rule set says."""
    if ready is not None and rule_set_for(dossier).classify_on == ClassifyOn.READY:
        return ready.at
    return returned_at


def check_late_return(outcome: str, apologised: bool, note: str) -> dict:
    """A late result with no apology is returned only with a recorded reason; returns the
    payload to add to the event (`late_without_apology`, so that such returns are counted)."""
    if outcome != engine.LATE or apologised:
        return {}
    if not (note or "").strip():
        raise InvalidInput(
            {"note": "Hồ sơ trễ hạn chưa có văn bản xin lỗi: cần ghi rõ lý do trả kết quả trễ hạn."}
        )
    return {"late_without_apology": True}
