"""Outgoing documents in the Decree 30/2020/NĐ-CP layout, and the registers as PDF.

>>> pdf = document_pdf(draft)                     # "Số:      /QĐ-UBND", no date yet
>>> pdf = document_pdf(doc, released=True)        # "Số: 12/QĐ-UBND", "Tân Biên, ngày ..."
"""

from django.template.loader import render_to_string
from django.utils import timezone

from motcua.printing.services import pdf as html_to_pdf

from .errors import InvalidInput
from .models import Issuer, OutgoingDocument


def issuer_of(document: OutgoingDocument) -> Issuer:
    issuer = Issuer.objects.filter(agency=document.agency).first()
    if issuer is None:
        raise InvalidInput(
            f"Chưa khai báo thông tin ban hành (chữ viết tắt, địa danh) của {document.agency}."
        )
    return issuer


def notation(document: OutgoingDocument, issuer: Issuer) -> str:
    """The symbol after the number: QĐ-UBND, or UBND-VP for a công văn."""
    code = document.document_type.code
    text = f"{code}-{issuer.abbreviation}" if code else issuer.abbreviation
    return f"{text}-{document.unit_abbreviation}" if document.unit_abbreviation else text


def document_html(document: OutgoingDocument, *, released: bool = False) -> str:
    issuer = issuer_of(document)
    paragraphs = [part.strip() for part in document.body.replace("\r", "").split("\n\n")]
    recipients = [line.strip(" -;.") for line in document.recipients_text.splitlines()]
    issued_on = timezone.localtime(document.released_at).date() if released else None
    return render_to_string(
        "eoffice/pdf/document.html",
        {
            "doc": document,
            "issuer": issuer,
            "heading_lines": [line.strip() for line in issuer.heading.split("|")],
            "number": document.symbol if released else "",
            "notation": notation(document, issuer),
            "issued_on": issued_on,
            "year": timezone.localtime().year,
            "paragraphs": [part for part in paragraphs if part],
            "recipients": _with_archive([line for line in recipients if line]),
            "signer_name": document.signer.get_full_name() or document.signer.get_username(),
        },
    )


def document_pdf(document: OutgoingDocument, *, released: bool = False) -> bytes:
    return html_to_pdf(document_html(document, released=released))


def _with_archive(lines: list[str]) -> list[str]:
    """The last recipient is the archive copy ("Lưu: VT"), unless the drafter wrote one."""
    if any(line.lower().startswith("lưu") for line in lines):
        return lines
    return [*lines, "Lưu: VT"]
