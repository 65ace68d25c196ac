"""The yearly reform plan: tasks with working-day deadlines, progress reports with evidence,
and the overdue list of the dashboard.

>>> task = add_task(plan, number=1, area=Area.PROCEDURES, title="Rà soát TTHC", lead=office,
...                 output="Báo cáo rà soát", starts_on=date(2022, 1, 10), working_days=20)
>>> vndate(task.due_at)
'11/02/2022'
"""

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from motcua.dossiers.files import store_blob
from motcua.org.models import Agency
from motcua.workdays.engine import VIETNAM_TZ, WORKING_DAYS, due
from motcua.workdays.loader import calendar_for

from .audit import record
from .errors import ReformError
from .models import Plan, ProgressReport, Task, TaskStatus

WORKDAY_START = time(7, 0)


def task_due(lead: Agency, starts_on: date, working_days: int) -> datetime:
    """The end of the last of `working_days` working days from the morning of `starts_on`,
    in the lead unit's calendar (holidays and swapped Saturdays included)."""
    start = datetime.combine(starts_on, WORKDAY_START, tzinfo=VIETNAM_TZ)
    return due(start, working_days, WORKING_DAYS, calendar_for(lead))


@transaction.atomic
def add_task(
    plan: Plan,
    *,
    number: int,
    area: str,
    title: str,
    lead: Agency,
    output: str,
    starts_on: date,
    working_days: int,
    cooperating: list[Agency] = (),
    actor=None,
    at: datetime | None = None,
) -> Task:
    """Add a task to the plan, its deadline computed from `workdays`."""
    if working_days < 1:
        raise ReformError("Thời hạn phải có ít nhất 1 ngày làm việc.")
    task = Task.objects.create(
        plan=plan,
        number=number,
        area=area,
        title=title,
        lead=lead,
        output=output,
        starts_on=starts_on,
        working_days=working_days,
        due_at=task_due(lead, starts_on, working_days),
    )
    task.cooperating.set(cooperating)
    record("task_added", task, actor=actor, at=at or timezone.now(), detail=title)
    return task


@transaction.atomic
def report_progress(
    task: Task,
    *,
    actor,
    at: datetime,
    progress: int,
    note: str,
    evidence: bytes | None = None,
    evidence_name: str = "",
) -> ProgressReport:
    """Record what was done; 100 % completes the task at `at` (on time or late against its
    deadline). A finished task takes no more reports."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status == TaskStatus.DONE:
        raise ReformError("Nhiệm vụ đã hoàn thành, không báo cáo thêm.")
    if not 0 <= progress <= 100:
        raise ReformError("Tiến độ phải từ 0 đến 100%.")
    if progress < task.progress:
        raise ReformError(f"Tiến độ không thể thấp hơn lần báo cáo trước ({task.progress}%).")
    if not note.strip():
        raise ReformError("Hãy ghi kết quả thực hiện.")
    blob = store_blob(evidence, field="evidence") if evidence is not None else None
    report = ProgressReport.objects.create(
        task=task,
        reported_at=at,
        reported_by=actor,
        progress=progress,
        note=note.strip(),
        evidence=blob,
        evidence_name=evidence_name[:200] if blob else "",
    )
    task.progress = progress
    task.status = TaskStatus.DONE if progress == 100 else TaskStatus.IN_PROGRESS
    task.completed_at = at if progress == 100 else None
    task.save(update_fields=["progress", "status", "completed_at"])
    record("task_reported", task, actor=actor, at=at, detail=f"{progress}%: {report.note}")
    return report


def plan_tasks(plan: Plan) -> QuerySet[Task]:
    return plan.tasks.select_related("lead").prefetch_related("cooperating")


def overdue_tasks(agency: Agency, now: datetime) -> QuerySet[Task]:
    """Unfinished tasks past their deadline, of plans of `agency`'s subtree."""
    return (
        Task.objects.filter(
            plan__agency__path__startswith=agency.path, due_at__lt=now, completed_at=None
        )
        .select_related("lead", "plan")
        .order_by("due_at")
    )


def task_figures(plan: Plan) -> dict[str, int]:
    """Tasks in the plan: total, done on time, done late, open, open and overdue."""
    figures = {"total": 0, "on_time": 0, "late": 0, "open": 0}
    for task in plan.tasks.all():
        figures["total"] += 1
        done = task.on_time()
        figures["open" if done is None else "on_time" if done else "late"] += 1
    return figures
