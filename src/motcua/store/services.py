"""Writing to the citizen's store: papers digitised at the counter, signed results, reuse.

Ownership is the applicant's ID number. A citizen's account sees the documents of the
dossiers it applied for (its tie to the ID number is then proven by those dossiers); papers
are never shown to an account for an ID number it merely typed.

>>> stored = digitise(dossier, actor=receiver, document_order=1, pages=[photo], name="CCCD")
>>> stored.origin, stored.document_type.code
('digitised', 'can_cuoc')
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import DocumentType
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Dossier, DossierFile, FileKind
from motcua.security.uploads import clean
from motcua.text import fold

from . import ocr, photos
from .models import Origin, Reuse, StoredDocument


def _document(dossier: Dossier, order: int) -> dict:
    documents = dossier.procedure_version.data["documents"]
    if not 1 <= order <= len(documents):
        raise InvalidInput({"document_order": "Thành phần hồ sơ không có trong thủ tục."})
    return documents[order - 1]


def _type(code: str) -> DocumentType | None:
    return DocumentType.objects.filter(code=code).first() if code else None


def as_one_pdf(pages: list[bytes]) -> bytes:
    """One file for a document: a PDF made harmless (`security.uploads.clean`), or the
    photos of its pages made into one PDF (re-encoded, so nothing hides behind an image)."""
    if len(pages) == 1 and pages[0].startswith(b"%PDF-"):
        return clean(pages[0], field="pages")
    if any(page.startswith(b"%PDF-") for page in pages):
        raise InvalidInput({"pages": "Chỉ ghép được nhiều ảnh; tệp PDF hãy tải lên riêng."})
    try:
        return photos.photos_to_pdf(pages)
    except photos.NotAPhoto:
        raise InvalidInput({"pages": "Chỉ nhận tệp PDF hoặc ảnh chụp (JPEG, PNG, HEIC)."}) from None


def read_text(content: bytes) -> str:
    """OCR text of the file, or "" where Tesseract is not installed (the file is kept anyway)."""
    if not ocr.available():
        return ""
    try:
        return ocr.text_of(content)
    except ocr.OcrUnavailable:
        return ""


def digitise(
    dossier: Dossier, *, actor, document_order: int, pages: list[bytes], name: str = ""
) -> StoredDocument:
    """Scan or photos of a paper component received at the counter, attached to the dossier
    as its digitised copy, read by OCR and kept in the applicant's store, in one transaction.

    OCR runs before the transaction: a slow page never holds the dossier's lock.
    """
    if not pages:
        raise InvalidInput({"pages": "Hãy chọn ảnh chụp hoặc bản quét của giấy tờ."})
    content = as_one_pdf(pages)
    text = read_text(content)
    document = _document(dossier, document_order)
    with transaction.atomic():
        attached = lifecycle.attach_file(
            dossier,
            actor=actor,
            kind=FileKind.DOCUMENT,
            content=content,
            name=name or f"{document['name'][:200]}.pdf",
            document_order=document_order,
        )
        return StoredDocument.objects.create(
            owner_id_number=dossier.applicant_id_number,
            document_type=_type(document.get("type", "")),
            title=document["name"][:500],
            origin=Origin.DIGITISED,
            issuer=dossier.receiving_agency,
            issued_at=attached.uploaded_at,
            blob=attached.blob,
            dossier=dossier,
            source_file=attached,
            text=text,
            text_folded=fold(text),
        )


def keep_result(result: DossierFile) -> StoredDocument:
    """The signed result of a dossier, kept for its applicant (called when it is signed)."""
    dossier = result.dossier
    version = dossier.procedure_version.data
    return StoredDocument.objects.create(
        owner_id_number=dossier.applicant_id_number,
        document_type=_type(version.get("result_type", "")),
        title=(version.get("result_name") or dossier.procedure.name)[:500],
        origin=Origin.RESULT,
        issuer=dossier.handling_agency,
        issued_at=result.uploaded_at,
        blob=result.blob,
        dossier=dossier,
        source_file=result,
    )


def documents_of(user) -> QuerySet[StoredDocument]:
    """The store as a citizen's account sees it: documents of the dossiers it applied for."""
    if not user.is_authenticated:
        return StoredDocument.objects.none()
    owners = Dossier.objects.filter(applicant_user=user).values("applicant_id_number")
    return (
        StoredDocument.objects.filter(owner_id_number__in=owners)
        .filter(Q(dossier__applicant_user=user) | Q(dossier__isnull=True) | Q(origin=Origin.RESULT))
        .select_related("document_type", "issuer", "blob")
    )


def offers(user, documents: list[dict]) -> dict[int, StoredDocument]:
    """For each required document (by its order) the newest stored one of the same type that
    is still valid: what the application offers to reuse instead of an upload."""
    wanted = {d.get("type") for d in documents if d.get("type")}
    if not wanted:
        return {}
    today = timezone.localdate()
    newest: dict[str, StoredDocument] = {}
    for stored in documents_of(user).filter(document_type__code__in=wanted):
        if stored.valid_until and stored.valid_until < today:
            continue
        newest.setdefault(stored.document_type.code, stored)
    return {
        order: newest[d["type"]]
        for order, d in enumerate(documents, start=1)
        if d.get("type") in newest
    }


def reuse(dossier: Dossier, *, actor, stored: StoredDocument, document_order: int) -> Reuse:
    """Fulfil a required document with a stored one: the same file is attached to the
    dossier (through the lifecycle, so the history shows it) and the reuse is recorded."""
    document = _document(dossier, document_order)
    if stored.document_type is None or stored.document_type.code != document.get("type"):
        raise InvalidInput({"document_order": "Giấy tờ trong kho không đúng loại được yêu cầu."})
    if stored.owner_id_number != dossier.applicant_id_number:
        raise InvalidInput({"document_order": "Giấy tờ trong kho không phải của người nộp hồ sơ."})
    with transaction.atomic():
        attached = lifecycle.attach_file(
            dossier,
            actor=actor,
            kind=FileKind.DOCUMENT,
            content=read_blob(stored.blob),
            name=f"{stored.title[:200]} (từ kho dữ liệu).pdf",
            document_order=document_order,
        )
        return Reuse.objects.create(
            stored=stored,
            dossier=dossier,
            document_order=document_order,
            file=attached,
            at=attached.uploaded_at,
        )
