"""How the office shows dossiers: queue names, time left, the timeline, the printable forms."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import NoReverseMatch, reverse

from motcua.dossiers.deadlines import working_time_left
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    EventKind,
    FileKind,
    Outcome,
    PaymentStatus,
    Status,
)
from motcua.org.models import Role
from motcua.ui.templatetags.vn import vnd, vndatetime, vnnumber

QUEUE_LABELS = {
    "receive": "Chờ tiếp nhận",
    "handle": "Cần xử lý",
    "approve": "Chờ phê duyệt",
    "return": "Chờ trả kết quả",
    "supplement": "Chờ bổ sung",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
}

FORM_NAMES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)",
    "03": "Phiếu từ chối tiếp nhận, giải quyết hồ sơ (mẫu 03)",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)",
    "05": "Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 05)",
}


def role_name(role: str) -> str:
    return Role(role).label if role in Role.values else role


def hours_text(hours: float) -> str:
    """`5,5 giờ làm việc`: one decimal, Vietnamese comma."""
    return f"{vnnumber(round(abs(hours), 1))} giờ làm việc"


@dataclass(frozen=True)
class TimeLeft:
    text: str
    tone: str  # ok, warn, bad, muted


def time_left(dossier: Dossier, due: datetime | None, now: datetime) -> TimeLeft | None:
    """`còn 5,5 giờ làm việc` / `quá hạn 3 giờ làm việc` for a running dossier."""
    if due is None or not dossier.is_open or dossier.status == Status.SUBMITTED:
        return None
    if dossier.status == Status.WAITING_SUPPLEMENT:
        return TimeLeft("tạm dừng, chờ bổ sung", "muted")
    hours = working_time_left(dossier, now, due)
    if hours < 0:
        return TimeLeft(f"quá hạn {hours_text(hours)}", "bad")
    return TimeLeft(f"còn {hours_text(hours)}", "warn" if hours <= 8 else "ok")


@dataclass(frozen=True)
class TimelineRow:
    event: DossierEvent
    label: str
    details: list[str]
    items: list[str]


def _moment(value: str | None) -> str:
    return vndatetime(datetime.fromisoformat(value)) if value else ""


def timeline(events) -> list[TimelineRow]:
    """The dossier's events with their kind and payload said in Vietnamese."""
    rows = []
    for event in events:
        payload = event.payload or {}
        details = []
        if payload.get("to_step"):
            details.append(f"Đến bước: {payload['to_step']} ({role_name(payload['to_role'])})")
        if payload.get("assignee_name"):
            details.append(f"Giao cho: {payload['assignee_name']}")
        if payload.get("outcome") in Outcome.values:
            details.append(f"Kết quả: {Outcome(payload['outcome']).label}")
        if payload.get("new_appointment"):
            details.append(
                f"Hẹn cũ: {_moment(payload['old_appointment'])}; "
                f"hẹn mới: {_moment(payload['new_appointment'])}"
            )
        if payload.get("due_at"):
            details.append(f"Hạn giải quyết: {_moment(payload['due_at'])}")
        if event.kind == EventKind.ATTACH_FILE and payload.get("kind") in FileKind.values:
            details.append(f"{FileKind(payload['kind']).label}: {payload.get('name', '')}")
        if event.kind == EventKind.PAYMENT and payload.get("status") in PaymentStatus.values:
            details.append(
                f"{PaymentStatus(payload['status']).label}: {vnd(payload.get('amount', 0))}"
            )
        if payload.get("to_name"):
            details.append(
                f"Gửi đến: {payload['to_name']}; hạn bàn giao: "
                f"{_moment(payload['handover_due_at'])}"
            )
        if payload.get("from_name"):
            late = " (quá hạn bàn giao)" if payload.get("late") else ""
            details.append(f"Gửi từ: {payload['from_name']}{late}")
        if payload.get("result_signed"):
            details.append(
                f"Ký số kết quả: {event.actor_name}, lúc {vndatetime(event.at)}; "
                f"chứng thư số: {payload['certificate']}"
            )
        rows.append(
            TimelineRow(
                event=event,
                label=event.get_kind_display(),
                details=details,
                items=list(payload.get("items") or []),
            )
        )
    return rows


@dataclass(frozen=True)
class PrintLink:
    form: str
    name: str
    url: str


def _print_url(code: str, form: str) -> str | None:
    try:
        return reverse("printing:dossier_form", args=[code, form])
    except NoReverseMatch:
        return None


def print_links(dossier: Dossier, kinds: set[str]) -> list[PrintLink]:
    """The forms that apply to the dossier, given the kinds of its events.

    01 once received (at the desk or accepted online); 02 after a supplement request; 03
    when refused; 04 after an apology; 05 (the control slip) always.
    """
    forms = []
    if kinds & {EventKind.RECEIVE, EventKind.ACCEPT}:
        forms.append("01")
    if EventKind.REQUEST_SUPPLEMENT in kinds:
        forms.append("02")
    if kinds & {EventKind.REFUSE, EventKind.REFUSE_AT_RECEPTION}:
        forms.append("03")
    if EventKind.APOLOGISE_AND_RESCHEDULE in kinds:
        forms.append("04")
    forms.append("05")
    links = []
    for form in forms:
        url = _print_url(dossier.code, form)
        if url:
            links.append(PrintLink(form, FORM_NAMES[form], url))
    return links
