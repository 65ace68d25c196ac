"""The plan's tasks: deadlines in working days, progress with evidence, overdue list."""

from datetime import date

import pytest
from support import vn as at

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import read_blob
from motcua.reform import plan
from motcua.reform.errors import ReformError
from motcua.reform.models import Event, TaskStatus

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _task(the_plan, tree, **extra):
    values = dict(
        number=1,
        area="procedures",
        title="Công khai danh mục thủ tục hành chính",
        lead=tree["department"],
        output="Danh mục công khai",
        starts_on=date(2022, 1, 24),
        working_days=10,
    )
    return plan.add_task(the_plan, **(values | extra))


def test_a_task_deadline_skips_tet_and_weekends(the_plan, tree):
    # From Monday 24/01/2022, 10 working days: 24-28/01, then Tết 2022 (31/01 - 04/02)
    # does not count, then 07-11/02. Without Tết it would be Friday 04/02.
    task = _task(the_plan, tree)
    assert task.due_at.isoformat() == "2022-02-11T17:00:00+07:00"
    assert Event.objects.filter(kind="task_added", subject=f"task:{task.pk}").exists()


def test_reporting_100_percent_with_evidence_completes_the_task_on_time(the_plan, tree, officer):
    task = _task(the_plan, tree)
    plan.report_progress(task, actor=officer, at=at(2022, 2, 1, 9), progress=40, note="Đã rà soát")
    report = plan.report_progress(
        task,
        actor=officer,
        at=at(2022, 2, 10, 15),
        progress=100,
        note="Đã công khai",
        evidence=PDF,
        evidence_name="danh-muc.pdf",
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.on_time() is True
    assert read_blob(report.evidence) == PDF
    assert Event.objects.filter(kind="task_reported").count() == 2


def test_a_finished_task_takes_no_more_reports_and_progress_never_goes_back(
    the_plan, tree, officer
):
    task = _task(the_plan, tree)
    plan.report_progress(task, actor=officer, at=at(2022, 2, 1, 9), progress=60, note="Một nửa")
    with pytest.raises(ReformError, match="không thể thấp hơn"):
        plan.report_progress(task, actor=officer, at=at(2022, 2, 2, 9), progress=30, note="x")
    plan.report_progress(task, actor=officer, at=at(2022, 2, 28, 9), progress=100, note="Xong")
    task.refresh_from_db()
    assert task.on_time() is False  # after 11/02
    with pytest.raises(ReformError, match="đã hoàn thành"):
        plan.report_progress(task, actor=officer, at=at(2022, 3, 1, 9), progress=100, note="x")


def test_evidence_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_saved(
    the_plan, tree, officer
):
    task = _task(the_plan, tree)
    with pytest.raises(InvalidInput):
        plan.report_progress(
            task, actor=officer, at=at(2022, 2, 1), progress=50, note="x", evidence=b"MZ\x90"
        )
    assert task.reports.count() == 0


def test_overdue_tasks_are_the_unfinished_ones_past_their_deadline(the_plan, tree, officer):
    late = _task(the_plan, tree)
    _task(the_plan, tree, number=2, working_days=200)
    done = _task(the_plan, tree, number=3)
    plan.report_progress(done, actor=officer, at=at(2022, 2, 1), progress=100, note="Xong")
    assert list(plan.overdue_tasks(tree["district"], at(2022, 3, 1))) == [late]
    assert list(plan.overdue_tasks(tree["commune_a"], at(2022, 3, 1))) == []
    assert plan.task_figures(the_plan) == {"total": 3, "on_time": 1, "late": 0, "open": 2}
