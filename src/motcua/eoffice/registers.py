"""The registers (sổ đăng ký văn bản đến / đi) of an agency and year, as rows, XLSX and PDF.

Columns follow the register forms of Decree 30/2020/NĐ-CP Appendix IV (read from secondary
summaries: marked unverified in docs/eoffice.md).

>>> register = register_rows(district, 2026, "in")
>>> content = register_xlsx(district, 2026, "in")
"""

import io
from dataclasses import dataclass

import xlsxwriter
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.org.models import Agency
from motcua.printing.services import pdf
from motcua.ui.templatetags.vn import vndate

from .models import IncomingDocument, IncomingStatus, OutgoingDocument, OutgoingStatus

INCOMING_HEADERS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Hạn xử lý",
    "Ghi chú",
]
OUTGOING_HEADERS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị soạn thảo",
    "Ghi chú",
]
WIDTHS = {"in": [11, 7, 24, 16, 11, 44, 22, 11, 16], "out": [16, 11, 50, 22, 34, 18, 16]}


@dataclass(frozen=True)
class Register:
    agency: Agency
    year: int
    direction: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def title(self) -> str:
        kind = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" if self.direction == "in" else "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
        return f"{kind} NĂM {self.year}"


def _incoming_row(doc: IncomingDocument) -> list[str]:
    units = [doc.lead_unit, *doc.cooperating_units.all()] if doc.lead_unit_id else []
    kind = f"{doc.document_type.name}: " if doc.document_type_id else ""
    note = doc.get_status_display()
    if doc.answer_id:
        note = f"Trả lời bằng {doc.answer.symbol}"
    return [
        vndate(doc.registered_at),
        str(doc.number),
        doc.sender_name,
        doc.symbol,
        vndate(doc.issued_on),
        f"{kind}{doc.title}",
        ", ".join(str(unit) for unit in units),
        vndate(doc.due_at) if doc.due_at else "",
        note,
    ]


def _outgoing_row(doc: OutgoingDocument) -> list[str]:
    recipients = [line.strip(" -;.") for line in doc.recipients_text.splitlines() if line.strip()]
    return [
        doc.symbol,
        vndate(doc.released_at),
        f"{doc.document_type.name}: {doc.title}",
        f"{doc.signer_title} {doc.signer.get_full_name()}",
        "; ".join(recipients),
        doc.drafted_by.get_full_name(),
        doc.get_urgency_display() if doc.urgency != "normal" else "",
    ]


def register_rows(agency: Agency, year: int, direction: str) -> Register:
    """The register of `agency` for `year`, in number order."""
    if direction == "in":
        documents = (
            IncomingDocument.objects.filter(agency=agency, year=year)
            .exclude(status=IncomingStatus.RECEIVED)
            .select_related("document_type", "lead_unit", "answer")
            .prefetch_related("cooperating_units")
            .order_by("number")
        )
        return Register(
            agency, year, direction, INCOMING_HEADERS, [_incoming_row(doc) for doc in documents]
        )
    documents = (
        OutgoingDocument.objects.filter(agency=agency, year=year, status=OutgoingStatus.RELEASED)
        .select_related("document_type", "signer", "drafted_by")
        .order_by("number")
    )
    return Register(
        agency, year, direction, OUTGOING_HEADERS, [_outgoing_row(doc) for doc in documents]
    )


def register_xlsx(register: Register) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12}
    title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
    head = book.add_format(
        {
            **base,
            "bold": True,
            "border": 1,
            "text_wrap": True,
            "align": "center",
            "valign": "vcenter",
        }
    )
    cell = book.add_format({**base, "border": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Sổ đến" if register.direction == "in" else "Sổ đi")
    last = len(register.headers) - 1
    sheet.merge_range(0, 0, 0, last, register.agency.name.upper(), title)
    sheet.merge_range(1, 0, 1, last, register.title, title)
    for column, (header, width) in enumerate(
        zip(register.headers, WIDTHS[register.direction], strict=True)
    ):
        sheet.set_column(column, column, width)
        sheet.write(3, column, header, head)
    for row, values in enumerate(register.rows, start=4):
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, cell)
    sheet.freeze_panes(4, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(3)
    book.close()
    return buffer.getvalue()


def register_pdf(register: Register) -> bytes:
    html = render_to_string(
        "eoffice/pdf/register.html",
        {"register": register, "printed": timezone.localtime()},
    )
    return pdf(html)
