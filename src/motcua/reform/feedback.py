"""Phản ánh, kiến nghị về quy định hành chính (Decree 20/2008/NĐ-CP as amended by Decree
92/2017/NĐ-CP, rules in `data/feedback.toml`): received on the portal, by phone or at the
desk; classified and assigned to a unit with a deadline in working days; answered; the
answer published when the citizen agreed; the citizen's satisfaction recorded.

>>> item = receive(agency=district, channel=Channel.PORTAL, kind=FeedbackKind.REPORT,
...                name="Lê Văn Tám", subject="...", content="...", at=now)
>>> assign(item, handler=justice_office, topic=Topic.PROCEDURE, actor=officer, at=now)
"""

import tomllib
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from motcua.org.models import Agency
from motcua.workdays.engine import WORKING_DAYS, due
from motcua.workdays.loader import calendar_for

from .audit import record
from .errors import ReformError
from .models import SATISFIED, Feedback, FeedbackStatus

RULES = Path(__file__).resolve().parent / "data" / "feedback.toml"


def rules() -> dict:
    with open(RULES, "rb") as file:
        return tomllib.load(file)


def _next_code(agency: Agency, at: datetime) -> str:
    prefix = f"{rules()['code_prefix']}-{timezone.localtime(at):%y%m%d}-"
    taken = Feedback.objects.filter(code__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


@transaction.atomic
def receive(
    *,
    agency: Agency,
    channel: str,
    kind: str,
    name: str,
    subject: str,
    content: str,
    at: datetime,
    phone: str = "",
    email: str = "",
    address: str = "",
    procedure=None,
    publish_consent: bool = False,
    actor=None,
) -> Feedback:
    """Record feedback as received (Art. 9); its code reads PAKN-YYMMDD-NNNN."""
    errors = []
    if not name.strip():
        errors.append("Hãy nhập họ và tên.")
    if not subject.strip() or not content.strip():
        errors.append("Hãy nhập tiêu đề và nội dung phản ánh, kiến nghị.")
    if not (phone.strip() or email.strip() or address.strip()):
        errors.append("Hãy để lại điện thoại, thư điện tử hoặc địa chỉ để nhận trả lời.")
    if errors:
        raise ReformError(" ".join(errors))
    item = Feedback.objects.create(
        code=_next_code(agency, at),
        agency=agency,
        channel=channel,
        kind=kind,
        procedure=procedure,
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        subject=subject.strip(),
        content=content.strip(),
        publish_consent=publish_consent,
        received_at=at,
    )
    record("feedback_received", item, actor=actor, at=at, detail=item.get_channel_display())
    return item


def _locked(item: Feedback, *statuses: str) -> Feedback:
    item = Feedback.objects.select_for_update().get(pk=item.pk)
    if item.status not in statuses:
        raise ReformError(f"Phản ánh, kiến nghị đang “{item.get_status_display()}”.")
    return item


@transaction.atomic
def assign(item: Feedback, *, handler: Agency, topic: str, actor, at: datetime) -> Feedback:
    """Classify it and give it to `handler` with the deadline of the rules (Art. 14)."""
    item = _locked(item, FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED)
    item.topic = topic
    item.handler = handler
    days = rules()["answer_working_days"]
    item.due_at = due(item.received_at, days, WORKING_DAYS, calendar_for(handler))
    item.status = FeedbackStatus.ASSIGNED
    item.save(update_fields=["topic", "handler", "due_at", "status"])
    record("feedback_assigned", item, actor=actor, at=at, detail=str(handler))
    return item


@transaction.atomic
def answer(item: Feedback, *, text: str, actor, at: datetime, publish: bool = True) -> Feedback:
    """Record the answer; it is published on the portal when the citizen agreed (Art. 19)."""
    item = _locked(item, FeedbackStatus.ASSIGNED)
    if not text.strip():
        raise ReformError("Hãy nhập nội dung trả lời.")
    item.answer = text.strip()
    item.answered_at = at
    item.status = FeedbackStatus.ANSWERED
    item.published_at = at if publish and item.publish_consent else None
    item.save(update_fields=["answer", "answered_at", "status", "published_at"])
    record("feedback_answered", item, actor=actor, at=at)
    if item.published_at:
        record("feedback_published", item, actor=actor, at=at)
    return item


@transaction.atomic
def rate(item: Feedback, *, satisfaction: int, at: datetime, actor=None) -> Feedback:
    """The citizen's satisfaction with the answer: 1 not satisfied, 2 satisfied, 3 very."""
    item = _locked(item, FeedbackStatus.ANSWERED)
    if satisfaction not in (1, 2, 3):
        raise ReformError("Hãy chọn một mức độ hài lòng.")
    item.satisfaction = satisfaction
    item.save(update_fields=["satisfaction"])
    record("feedback_rated", item, actor=actor, at=at, detail=str(satisfaction))
    return item


def published() -> "list[Feedback]":
    return Feedback.objects.filter(published_at__isnull=False).order_by("-published_at")


def feedback_figures(agency: Agency, first: date, last: date) -> dict[str, tuple[int, int]]:
    """For `agency`'s subtree, feedback answered between `first` and `last` (local dates):
    "on_time" (answered by the deadline, answered) and "satisfied" (satisfied or better,
    rated). Decision 766's satisfaction group (metrics 5.1 and 5.2) reads these.

    >>> feedback_figures(district, date(2022, 1, 1), date(2022, 12, 31))
    {'on_time': (17, 18), 'satisfied': (15, 16), 'received': (20, 20)}
    """
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(last, datetime.max.time()))
    mine = Feedback.objects.filter(agency__path__startswith=agency.path)
    answered = mine.filter(answered_at__gte=start, answered_at__lte=end).aggregate(
        answered=Count("pk"),
        on_time=Count("pk", filter=Q(answered_at__lte=F("due_at"))),
        rated=Count("pk", filter=Q(satisfaction__isnull=False)),
        satisfied=Count("pk", filter=Q(satisfaction__gte=SATISFIED)),
    )
    received = mine.filter(received_at__gte=start, received_at__lte=end).count()
    return {
        "on_time": (answered["on_time"], answered["answered"]),
        "satisfied": (answered["satisfied"], answered["rated"]),
        "received": (received, received),  # (received, received): same shape as the others
    }
