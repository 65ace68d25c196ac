"""Incoming documents (văn bản đến): received, registered, assigned, handled, closed.

Decree 30/2020/NĐ-CP Art. 20-24: the clerk receives and registers every incoming document
(arrival number in order of receipt within the year), presents it to the head who assigns a
leading unit, cooperating units and a deadline; the units handle it; the document is closed
when it is answered or filed.

>>> doc = register_upload(agency=district, user=clerk, pdf=data, channel=Channel.EMAIL, ...)
>>> assign(doc, office_head, lead_unit=justice, cooperating=[finance], days=5)
>>> add_opinion(doc, handler, "Đề nghị Phòng Tài chính cho ý kiến về kinh phí.")
>>> close(doc, handler, answer=reply)
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.org.models import Agency, Role
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from . import exchange
from .access import works_for
from .errors import InvalidInput, NotAllowed, StateError
from .events import record
from .models import (
    Channel,
    DeliveryStatus,
    DocumentType,
    EventKind,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)
from .numbering import take_number
from .signatures import signature_reports

MAX_DAYS = 60


def _lock(document: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().get(pk=document.pk)


def _number(document: IncomingDocument, now) -> None:
    year = timezone.localtime(now).year
    document.year = year
    document.number = take_number(document.agency, year, "in")
    document.registered_at = now
    document.status = IncomingStatus.REGISTERED


@transaction.atomic
def register_upload(
    *,
    agency: Agency,
    user,
    pdf: bytes,
    channel: str,
    sender_name: str,
    symbol: str,
    issued_on: date,
    title: str,
    document_type: DocumentType | None = None,
    signer: str = "",
    urgency: str = "normal",
    confidentiality: str = "normal",
) -> IncomingDocument:
    """Register a document received as a PDF (by e-mail) or on paper (its scan): checks the
    signatures, gives the next arrival number of the year and records who did it."""
    if not works_for(user, Role.CLERK, agency):
        raise NotAllowed("Chỉ văn thư của cơ quan được vào sổ văn bản đến.")
    if channel not in (Channel.EMAIL, Channel.PAPER):
        raise InvalidInput("Chọn hình thức nhận: thư điện tử hoặc bản giấy.")
    if not pdf.startswith(b"%PDF"):
        raise InvalidInput("Tệp văn bản phải là PDF (bản điện tử nhận được hoặc bản quét).")
    now = timezone.now()
    document = IncomingDocument(
        agency=agency,
        channel=channel,
        received_at=now,
        sender_name=sender_name.strip(),
        symbol=symbol.strip(),
        issued_on=issued_on,
        document_type=document_type,
        title=title.strip(),
        signer=signer.strip(),
        urgency=urgency,
        confidentiality=confidentiality,
        signatures=signature_reports(pdf),
    )
    _number(document, now)
    document.file.save("van-ban-den.pdf", ContentFile(pdf), save=False)
    document.save()
    record(EventKind.REGISTER, user, incoming=document, note=f"Số đến {document.number}")
    return document


@transaction.atomic
def register_received(document: IncomingDocument, user) -> IncomingDocument:
    """Register a document that arrived through the exchange; the sender gets the receipt
    "đã tiếp nhận" (status 03) once this commits."""
    document = _lock(document)
    if not works_for(user, Role.CLERK, document.agency):
        raise NotAllowed("Chỉ văn thư của cơ quan được vào sổ văn bản đến.")
    if document.status != IncomingStatus.RECEIVED:
        raise StateError("Văn bản này đã được vào sổ.")
    _number(document, timezone.now())
    document.save()
    record(EventKind.REGISTER, user, incoming=document, note=f"Số đến {document.number}")
    exchange.send_receipt(document, DeliveryStatus.ACCEPTED, user)
    return document


@transaction.atomic
def assign(
    document: IncomingDocument,
    user,
    *,
    lead_unit: Agency,
    cooperating: list[Agency] = (),
    days: int,
    note: str = "",
) -> IncomingDocument:
    """The office head assigns a leading unit (and cooperating units) with a deadline of
    `days` working days from now in the agency's calendar."""
    document = _lock(document)
    if not works_for(user, Role.OFFICE_HEAD, document.agency):
        raise NotAllowed("Chỉ Chánh Văn phòng (người được giao phân công) được phân công xử lý.")
    if document.status not in (IncomingStatus.REGISTERED, IncomingStatus.ASSIGNED):
        raise StateError("Văn bản chưa vào sổ hoặc đã xử lý xong: không phân công được.")
    units = [lead_unit, *cooperating]
    if any(not unit.path.startswith(document.agency.path) for unit in units):
        raise InvalidInput("Đơn vị xử lý phải thuộc cơ quan nhận văn bản.")
    if lead_unit in cooperating:
        raise InvalidInput("Đơn vị chủ trì không đồng thời là đơn vị phối hợp.")
    if not 0 < days <= MAX_DAYS:
        raise InvalidInput(f"Thời hạn xử lý từ 1 đến {MAX_DAYS} ngày làm việc.")
    now = timezone.now()
    document.lead_unit = lead_unit
    document.due_at = engine.due(now, days, engine.WORKING_DAYS, calendar_for(document.agency))
    document.status = IncomingStatus.ASSIGNED
    document.save()
    document.cooperating_units.set(cooperating)
    names = ", ".join(unit.short_name or unit.name for unit in cooperating)
    text = f"Chủ trì: {lead_unit.short_name or lead_unit.name}"
    if names:
        text += f"; phối hợp: {names}"
    text += f"; hạn {days} ngày làm việc."
    if note.strip():
        text += f" {note.strip()}"
    record(EventKind.ASSIGN, user, incoming=document, unit=lead_unit, note=text)
    exchange.send_receipt(document, DeliveryStatus.ASSIGNED, user)
    return document


def _handles(user, document: IncomingDocument) -> Agency | None:
    """The unit through which `user` handles `document`, if any."""
    units = [document.lead_unit, *document.cooperating_units.all()]
    for unit in units:
        if unit is not None and works_for(user, Role.DOC_HANDLER, unit):
            return unit
    if works_for(user, Role.OFFICE_HEAD, document.agency):
        return document.agency
    return None


@transaction.atomic
def add_opinion(document: IncomingDocument, user, text: str) -> IncomingDocument:
    """An opinion or reply of the leading or a cooperating unit (or of the office head)."""
    document = _lock(document)
    if document.status != IncomingStatus.ASSIGNED:
        raise StateError("Chỉ cho ý kiến khi văn bản đang được xử lý.")
    unit = _handles(user, document)
    if unit is None:
        raise NotAllowed("Chỉ đơn vị chủ trì, đơn vị phối hợp được cho ý kiến.")
    if not text.strip():
        raise InvalidInput("Nhập nội dung ý kiến.")
    record(EventKind.OPINION, user, incoming=document, unit=unit, note=text.strip())
    return document


@transaction.atomic
def close(
    document: IncomingDocument, user, *, answer: OutgoingDocument | None = None, note: str = ""
) -> IncomingDocument:
    """Close the handling, linked to the answering outgoing document when there is one."""
    document = _lock(document)
    if document.status != IncomingStatus.ASSIGNED:
        raise StateError("Văn bản không ở trạng thái đang xử lý.")
    unit = _handles(user, document)
    if unit is None or (unit != document.lead_unit and unit != document.agency):
        raise NotAllowed("Chỉ đơn vị chủ trì được kết thúc xử lý.")
    if answer is not None and answer.status != OutgoingStatus.RELEASED:
        raise InvalidInput("Văn bản trả lời phải là văn bản đã phát hành.")
    if answer is None and not note.strip():
        raise InvalidInput("Chọn văn bản trả lời, hoặc ghi kết quả xử lý (ví dụ: lưu hồ sơ).")
    _finish(document, user, answer=answer, note=note, unit=unit)
    return document


def _finish(document, user, *, answer=None, note="", unit=None) -> None:
    document.status = IncomingStatus.CLOSED
    document.closed_at = timezone.now()
    document.answer = answer
    document.save()
    text = f"Trả lời bằng văn bản số {answer.symbol}. " if answer else ""
    record(EventKind.CLOSE, user, incoming=document, unit=unit, note=(text + note).strip())
    exchange.send_receipt(document, DeliveryStatus.DONE, user)


def close_answered(document: IncomingDocument, user, answer: OutgoingDocument) -> None:
    """Called by the release of `answer` (in its transaction): the document it answers is
    done, if it was still being handled."""
    document = _lock(document)
    if document.status == IncomingStatus.ASSIGNED:
        _finish(document, user, answer=answer, unit=document.lead_unit)
