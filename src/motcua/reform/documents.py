"""The plan and its progress, printed (PDF, A4 landscape, WeasyPrint as `printing` does)
and exported (XLSX for the office's spreadsheets).

>>> plan_xlsx(plan, now)[:2]
b'PK'
"""

import io
from datetime import datetime

import xlsxwriter
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.printing.services import pdf

from .models import Plan
from .plan import plan_tasks, task_figures

HEADERS = [
    "STT",
    "Lĩnh vực",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Sản phẩm",
    "Bắt đầu",
    "Thời hạn (ngày làm việc)",
    "Hạn hoàn thành",
    "Tiến độ (%)",
    "Trạng thái",
    "Ngày hoàn thành",
    "Đánh giá",
]


def task_rows(plan: Plan, now: datetime) -> list[list]:
    """One row per task, in the order of HEADERS."""
    rows = []
    for task in plan_tasks(plan):
        done = task.on_time()
        if done is None:
            verdict = "Quá hạn" if task.due_at < now else "Trong hạn"
        else:
            verdict = "Đúng hạn" if done else "Trễ hạn"
        rows.append(
            [
                task.number,
                task.get_area_display(),
                task.title,
                str(task.lead),
                ", ".join(str(a) for a in task.cooperating.all()),
                task.output,
                task.starts_on,
                task.working_days,
                timezone.localtime(task.due_at).date(),
                task.progress,
                task.get_status_display(),
                timezone.localtime(task.completed_at).date() if task.completed_at else None,
                verdict,
            ]
        )
    return rows


def plan_pdf(plan: Plan, now: datetime) -> bytes:
    html = render_to_string(
        "reform/plan_print.html",
        {
            "plan": plan,
            "headers": HEADERS,
            "rows": task_rows(plan, now),
            "figures": task_figures(plan),
            "now": now,
        },
    )
    return pdf(html)


def plan_xlsx(plan: Plan, now: datetime) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Kế hoạch")
    font = {"font_name": "Times New Roman", "font_size": 12}
    title = book.add_format({**font, "bold": True, "font_size": 14})
    head = book.add_format({**font, "bold": True, "border": 1, "text_wrap": True, "valign": "top"})
    cell = book.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    day = book.add_format({**font, "border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
    sheet.write(0, 0, f"{plan.agency.name}: {plan.title}", title)
    sheet.write(
        1,
        0,
        f"{plan.number} ngày {plan.issued_on:%d/%m/%Y}; số liệu đến {timezone.localtime(now):%d/%m/%Y %H:%M}",
        book.add_format(font),
    )
    sheet.write_row(3, 0, HEADERS, head)
    for number, row in enumerate(task_rows(plan, now), start=4):
        for column, value in enumerate(row):
            if hasattr(value, "year"):
                sheet.write_datetime(
                    number, column, datetime.combine(value, datetime.min.time()), day
                )
            elif value is None:
                sheet.write_blank(number, column, None, cell)
            else:
                sheet.write(number, column, value, cell)
    for column, width in enumerate([5, 22, 50, 24, 28, 32, 11, 10, 11, 8, 14, 11, 11]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(4, 0)
    book.close()
    return out.getvalue()
