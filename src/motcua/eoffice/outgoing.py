"""Outgoing documents (văn bản đi): drafted, checked, approved, released, sent.

draft ─submit→ review ─check (office head)→ signing ─approve (signer)→ approved
  ↑                 └──────── return ───────────┘                          │
  └──────────────────────────────────────────────────────── release (clerk)┘

Release (Decree 30/2020/NĐ-CP Art. 15-18) is one transaction: the clerk takes the next
number of the year, the document is rendered with its number and date, signed by the
signer (PAdES, the first signature) and by the agency's seal certificate (the second, as
Appendix I part II asks of electronic documents), and a delivery is queued per recipient.
A number is therefore given at release and never before; a release that fails (a signature
that cannot be made) rolls back and gives nothing away.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.org.models import Agency, Role
from motcua.signing.errors import SigningError
from motcua.signing.models import SignerConfig
from motcua.signing.services import key_for, signer_for_result
from motcua.signing.signer import sign_pdf
from motcua.signing.stamp import HEIGHT, WIDTH, StampPlace, marked_place

from . import exchange, incoming
from .access import may_draft, works_for
from .errors import InvalidInput, NotAllowed, StateError
from .events import record
from .models import (
    Confidentiality,
    DocumentType,
    EventKind,
    IncomingDocument,
    OutgoingDocument,
    OutgoingStatus,
)
from .numbering import take_number
from .rendering import document_pdf, issuer_of, notation

EDITABLE = (
    "document_type",
    "title",
    "body",
    "recipients_text",
    "recipient_emails",
    "urgency",
    "confidentiality",
    "signature_form",
    "authority",
    "signer_title",
    "signer",
    "unit_abbreviation",
)


def _lock(document: OutgoingDocument, version: int | None) -> OutgoingDocument:
    locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    if version is not None and locked.version != version:
        raise StateError("Văn bản vừa được người khác thay đổi; hãy xem lại rồi làm tiếp.")
    return locked


def _validate(document: OutgoingDocument, agencies) -> None:
    errors = []
    if not document.title.strip():
        errors.append("Nhập trích yếu nội dung.")
    if not document.body.strip():
        errors.append("Nhập nội dung văn bản.")
    if not document.signer_title.strip():
        errors.append("Nhập chức vụ người ký.")
    if not works_for(document.signer, Role.DOC_SIGNER, document.agency):
        errors.append("Người ký phải là lãnh đạo có quyền ký văn bản của cơ quan.")
    emails = document.recipient_emails.split()
    if emails and document.confidentiality != Confidentiality.NORMAL:
        errors.append("Văn bản mật không được gửi qua thư điện tử.")
    if any(agency.path == document.agency.path for agency in agencies):
        errors.append("Không gửi văn bản cho chính cơ quan ban hành.")
    if errors:
        raise InvalidInput(" ".join(errors))


@transaction.atomic
def create_draft(
    *,
    agency: Agency,
    user,
    document_type: DocumentType,
    title: str,
    body: str,
    signer,
    signer_title: str,
    recipient_agencies: list[Agency] = (),
    replies_to: IncomingDocument | None = None,
    **fields,
) -> OutgoingDocument:
    """A new draft of `agency`, written by a specialist of the agency or of one of its
    units; `body` paragraphs are separated by a blank line."""
    if not may_draft(user, agency):
        raise NotAllowed("Chỉ chuyên viên của cơ quan, đơn vị được soạn văn bản đi.")
    document = OutgoingDocument(
        agency=agency,
        document_type=document_type,
        title=title.strip(),
        body=body.strip(),
        signer=signer,
        signer_title=signer_title.strip(),
        drafted_by=user,
        created_at=timezone.now(),
        replies_to=replies_to,
        **fields,
    )
    _validate(document, recipient_agencies)
    issuer_of(document)
    document.save()
    document.recipient_agencies.set(recipient_agencies)
    record(EventKind.DRAFT, user, outgoing=document)
    return document


@transaction.atomic
def update_draft(document, user, *, version: int, recipient_agencies=(), **fields):
    """Change a draft (while it is a draft) as its author."""
    document = _lock(document, version)
    if document.status != OutgoingStatus.DRAFT:
        raise StateError("Chỉ sửa được văn bản đang là dự thảo.")
    if document.drafted_by_id != user.pk:
        raise NotAllowed("Chỉ người soạn được sửa dự thảo.")
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"not an editable field: {name}")
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    _validate(document, recipient_agencies)
    document.version += 1
    document.save()
    document.recipient_agencies.set(recipient_agencies)
    return document


def _step(document, user, version, *, role, state, to, kind, note="", message):
    document = _lock(document, version)
    if document.status != state:
        raise StateError("Văn bản không ở bước này (có thể người khác vừa xử lý).")
    if not role(document):
        raise NotAllowed(message)
    document.status = to
    document.version += 1
    document.save()
    record(kind, user, outgoing=document, note=note.strip())
    return document


@transaction.atomic
def submit(document, user, *, version: int | None = None, note: str = ""):
    """The author sends the draft to the office for checking."""
    return _step(
        document,
        user,
        version,
        role=lambda d: d.drafted_by_id == user.pk,
        state=OutgoingStatus.DRAFT,
        to=OutgoingStatus.REVIEW,
        kind=EventKind.SUBMIT,
        note=note,
        message="Chỉ người soạn được trình dự thảo.",
    )


@transaction.atomic
def check(document, user, *, accept: bool, version: int | None = None, note: str = ""):
    """The office head checks content and layout: passes it to the signer or returns it."""
    if not accept and not note.strip():
        raise InvalidInput("Ghi lý do trả lại để người soạn sửa.")
    return _step(
        document,
        user,
        version,
        role=lambda d: works_for(user, Role.OFFICE_HEAD, d.agency),
        state=OutgoingStatus.REVIEW,
        to=OutgoingStatus.SIGNING if accept else OutgoingStatus.DRAFT,
        kind=EventKind.CHECK if accept else EventKind.RETURN,
        note=note,
        message="Chỉ Chánh Văn phòng được kiểm tra, trình ký.",
    )


@transaction.atomic
def approve(document, user, *, accept: bool, version: int | None = None, note: str = ""):
    """The signer approves the text for release, or returns it to the author."""
    if not accept and not note.strip():
        raise InvalidInput("Ghi lý do trả lại để người soạn sửa.")
    return _step(
        document,
        user,
        version,
        role=lambda d: d.signer_id == user.pk and works_for(user, Role.DOC_SIGNER, d.agency),
        state=OutgoingStatus.SIGNING,
        to=OutgoingStatus.APPROVED if accept else OutgoingStatus.DRAFT,
        kind=EventKind.APPROVE if accept else EventKind.RETURN,
        note=note,
        message="Chỉ người ký văn bản được duyệt ký.",
    )


def _signer_key(document: OutgoingDocument):
    config = (
        SignerConfig.objects.filter(user=document.signer, active=True)
        .order_by("-valid_until")
        .first()
    )
    if config is None:
        raise InvalidInput(
            f"{document.signer.get_full_name()} chưa có chứng thư số cá nhân để ký văn bản."
        )
    return config


def _seal_key(document: OutgoingDocument):
    config = signer_for_result(None, document.agency)
    if config is None:
        raise InvalidInput(f"{document.agency} chưa có chứng thư số của cơ quan (con dấu số).")
    return config


def _seal_place(pdf: bytes) -> StampPlace | None:
    """The seal overlaps the left third of the signer's stamp (Appendix I part II)."""
    place = marked_place(pdf)
    if place is None:
        return None
    x1, y1, _x2, _y2 = place.box
    left = x1 - WIDTH * 2 // 3
    return StampPlace(place.page, (left, y1 - HEIGHT // 3, left + WIDTH, y1 + HEIGHT * 2 // 3))


def sign_released(document: OutgoingDocument) -> bytes:
    """The numbered document signed by its signer, then sealed by its agency."""
    pdf = document_pdf(document, released=True)
    signer, seal = _signer_key(document), _seal_key(document)
    try:
        pdf = sign_pdf(
            pdf,
            key_for(signer),
            reason=f"Ký ban hành văn bản số {document.symbol}",
            visible=True,
            signer_name=document.signer.get_full_name(),
            title=document.signer_title,
            agency_name=document.agency.name,
            when=document.released_at,
        )
        return sign_pdf(
            pdf,
            key_for(seal),
            reason=f"{document.agency.name} phát hành văn bản số {document.symbol}",
            visible=True,
            stamp_box=_seal_place(pdf),
            agency_name=document.agency.name,
            signer_name=document.agency.name,
            when=document.released_at,
        )
    except SigningError as error:
        raise InvalidInput(f"Không ký số được văn bản: {error.args[0]}") from error


@transaction.atomic
def release(document, user, *, version: int | None = None) -> OutgoingDocument:
    """Number, sign, seal and send an approved document (the clerk's step)."""
    document = _lock(document, version)
    if not works_for(user, Role.CLERK, document.agency):
        raise NotAllowed("Chỉ văn thư của cơ quan được cấp số, phát hành văn bản.")
    if document.status != OutgoingStatus.APPROVED:
        raise StateError("Chỉ phát hành văn bản đã được lãnh đạo duyệt ký.")
    issuer = issuer_of(document)
    now = timezone.now()
    document.year = timezone.localtime(now).year
    document.number = take_number(document.agency, document.year, "out")
    document.symbol = f"{document.number:02d}/{notation(document, issuer)}"
    document.released_at = now
    document.status = OutgoingStatus.RELEASED
    document.version += 1
    document.file.save(
        f"{document.symbol.replace('/', '-')}.pdf", ContentFile(sign_released(document)), save=False
    )
    document.save()
    record(EventKind.RELEASE, user, outgoing=document, note=f"Số {document.symbol}")
    exchange.dispatch(document, user)
    if document.replies_to_id:
        incoming.close_answered(document.replies_to, user, document)
    return document
