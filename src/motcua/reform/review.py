"""The year-end review of reform work, in Vietnamese paragraphs, every figure computed:
the plan's tasks, the PAR index by component with the change from the previous year,
feedback handled, staff trained. `motcua reports summary` prints it after the dossier
figures.

>>> print(year_review(district, 2022, now))
Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2022 ..., năm 2022 có 24 nhiệm vụ ...
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from motcua.org.models import Agency
from motcua.reports.periods import period
from motcua.ui.templatetags.vn import vndate, vnnumber

from .assessment import components, total
from .feedback import feedback_figures
from .models import Area, Assessment, Course, Feedback, Plan
from .plan import task_figures
from .training import trained


def year_review(agency: Agency, year: int, now: datetime) -> str:
    """The review's paragraphs for `agency` (its own plan and assessment, its subtree's
    feedback and training) in `year`."""
    year_period = period("year", year)
    paragraphs = [
        _plan(agency, year, now),
        _index(agency, year),
        _feedback(agency, year_period.first, year_period.last),
        _training(agency, year_period.first, year_period.last),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _plan(agency: Agency, year: int, now: datetime) -> str:
    plan = Plan.objects.filter(agency=agency, year=year).first()
    if plan is None:
        return f"Năm {year}, {agency} chưa có kế hoạch cải cách hành chính trên hệ thống."
    f = task_figures(plan)
    done = f["on_time"] + f["late"]
    text = (
        f"Thực hiện {plan.number} ngày {vndate(plan.issued_on)} ({plan.title}), năm {year} "
        f"có {_n(f['total'])} nhiệm vụ; đã hoàn thành {_n(done)} nhiệm vụ "
        f"(đạt {_percent(done, f['total'])}), trong đó đúng hạn {_n(f['on_time'])}, "
        f"trễ hạn {_n(f['late'])}"
    )
    if f["open"]:
        overdue = plan.tasks.filter(completed_at=None, due_at__lt=now).count()
        text += f"; còn {_n(f['open'])} nhiệm vụ đang thực hiện"
        text += f" ({_n(overdue)} nhiệm vụ đã quá hạn)" if overdue else ""
    counts = dict(plan.tasks.values_list("area").annotate(n=Count("pk")))
    text += ". Theo lĩnh vực: " + "; ".join(
        f"{label.lower()} {_n(counts[area])}" for area, label in Area.choices if area in counts
    )
    return text + "."


def _index(agency: Agency, year: int) -> str:
    current = Assessment.objects.filter(agency=agency, year=year).first()
    if current is None:
        return ""
    points, maximum = total(current)
    state = "đã thẩm định" if current.reviewed_at else "tự đánh giá"
    text = f"Chỉ số cải cách hành chính năm {year} ({state}) đạt {_d(points)}/{_d(maximum)} điểm"
    before = Assessment.objects.filter(agency=agency, year=year - 1).first()
    previous = {}
    if before is not None:
        previous = {c.criterion.code: c.points for c in components(before)}
        old, _ = total(before)
        text += f", {_change(points - old)} so với năm {year - 1} ({_d(old)} điểm)"
    parts = []
    for component in components(current):
        part = f"{component.criterion.name.lower()} {_d(component.points)}/{_d(component.maximum)}"
        if component.criterion.code in previous:
            part += f" ({_signed(component.points - previous[component.criterion.code])})"
        parts.append(part)
    return text + ". Theo từng lĩnh vực: " + "; ".join(parts) + "."


def _feedback(agency: Agency, first: date, last: date) -> str:
    figures = feedback_figures(agency, first, last)
    received = figures["received"][0]
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(last, datetime.max.time()))
    mine = Feedback.objects.filter(
        agency__path__startswith=agency.path, received_at__gte=start, received_at__lte=end
    )
    if not received:
        return "Trong năm không có phản ánh, kiến nghị về quy định hành chính."
    channels = mine.values("channel").annotate(n=Count("pk")).order_by("-n")
    names = {"portal": "qua cổng dịch vụ công", "phone": "qua điện thoại", "desk": "trực tiếp"}
    on_time, answered = figures["on_time"]
    satisfied, rated = figures["satisfied"]
    text = (
        f"Tiếp nhận {_n(received)} phản ánh, kiến nghị về quy định hành chính ("
        + ", ".join(f"{names[row['channel']]} {_n(row['n'])}" for row in channels)
        + f"); đã trả lời {_n(answered)}, trong đó đúng hạn {_n(on_time)} "
        f"(đạt {_percent(on_time, answered)})"
    )
    public = mine.filter(published_at__isnull=False).count()
    if public:
        text += f"; công khai {_n(public)} kết quả trả lời trên cổng dịch vụ công"
    if rated:
        text += f"; {_percent(satisfied, rated)} người được hỏi hài lòng với việc xử lý"
    return text + "."


def _training(agency: Agency, first: date, last: date) -> str:
    t = trained(agency, first, last)
    if not t["courses"]:
        return ""
    digital = Course.objects.filter(
        agency__path__startswith=agency.path,
        starts_on__gte=first,
        starts_on__lte=last,
        area=Area.DIGITAL,
    ).count()
    return (
        f"Tổ chức {_n(t['courses'])} lớp tập huấn, bồi dưỡng (trong đó {_n(digital)} lớp về "
        f"chuyển đổi số) với {_n(t['attendances'])} lượt cán bộ, công chức tham dự "
        f"({_n(t['staff'])} người); cấp {_n(t['certificates'])} giấy chứng nhận."
    )


def _n(value: int) -> str:
    return vnnumber(value)


def _d(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _signed(value: Decimal) -> str:
    return "không đổi" if not value else ("+" if value > 0 else "") + _d(value)


def _change(value: Decimal) -> str:
    if value > 0:
        return f"tăng {_d(value)} điểm"
    if value < 0:
        return f"giảm {_d(-value)} điểm"
    return "bằng"


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"
