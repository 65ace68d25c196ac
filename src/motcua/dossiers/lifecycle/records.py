"""What is recorded beside the handling without moving the dossier: files, fee payments and
the applicant's rating."""

from datetime import datetime

from ..errors import DossierStateError, InvalidInput, NotAllowed
from ..files import store_blob
from ..models import (
    Dossier,
    DossierFile,
    EventKind,
    FileKind,
    Payment,
    PaymentStatus,
    Rating,
    Satisfaction,
    Status,
)
from . import steps
from .rules import ATTACH_STATUSES, STATUS_NAMES, lock, may_attach, moment, operation
from .store import DATABASE

RATING_COMMENT_MAX = 2000


@operation
def attach_file(
    dossier: Dossier,
    *,
    actor,
    kind: str,
    content: bytes,
    name: str,
    document_order: int | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> DossierFile:
    """Add a file (checked by content: PDF, JPEG, PNG; size-limited) to the dossier."""
    at = moment(at)
    dossier = lock(dossier, expected_version)
    if kind not in FileKind.values:
        raise InvalidInput({"kind": "Loại tệp không hợp lệ."})
    if not may_attach(dossier, actor, kind):
        if dossier.status not in ATTACH_STATUSES[kind]:
            raise DossierStateError(
                f"Không thể thêm tệp khi hồ sơ đang ở trạng thái “{STATUS_NAMES[dossier.status]}”."
            )
        raise NotAllowed("Bạn không có quyền thêm tệp vào hồ sơ này.")
    if document_order is not None and not 1 <= document_order <= len(
        dossier.procedure_version.data["documents"]
    ):
        raise InvalidInput({"document_order": "Thành phần hồ sơ không có trong thủ tục."})
    blob = store_blob(content)
    attached = DossierFile.objects.create(
        dossier=dossier,
        kind=kind,
        document_order=document_order,
        name=(name or "tep").strip()[:255],
        blob=blob,
        uploaded_by=actor if actor and actor.is_authenticated else None,
        uploaded_at=at,
    )
    if kind == FileKind.DOCUMENT and document_order is not None:
        dossier.documents.filter(order=document_order).update(received=True)
    steps.record(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.ATTACH_FILE,
        from_status=dossier.status,
        at=at,
        payload={
            "file": attached.pk,
            "kind": kind,
            "name": attached.name,
            "sha256": blob.sha256,
            "size": blob.size,
        },
    )
    return attached


@operation
def record_payment(dossier: Dossier, *, payment: Payment, at: datetime | None = None) -> Dossier:
    """Write a settled fee payment (paid or refunded) into the dossier's history.

    The status does not change: paying is beside the handling, not a step of it.

    >>> record_payment(dossier, payment=paid).events.last().kind
    'payment'
    """
    at = moment(at)
    dossier = lock(dossier, None)
    if payment.dossier_id != dossier.pk:
        raise InvalidInput({"payment": "Khoản thanh toán không thuộc hồ sơ này."})
    if payment.status not in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        raise InvalidInput({"payment": "Chỉ ghi nhận khoản đã thanh toán hoặc đã hoàn tiền."})
    steps.record(
        DATABASE,
        dossier,
        actor=None,
        kind=EventKind.PAYMENT,
        from_status=dossier.status,
        at=at,
        payload={
            "reference": payment.reference,
            "amount": payment.amount,
            "status": payment.status,
            "provider": payment.provider,
        },
    )
    return dossier


@operation
def rate(
    dossier: Dossier,
    *,
    actor,
    reception: int,
    handling: int,
    result: int,
    comment: str = "",
    at: datetime | None = None,
) -> Rating:
    """The applicant rates the service once the result is returned; once per dossier.

    Scores are `Satisfaction` values (1 not satisfied, 2 satisfied, 3 very satisfied).

    >>> rate(dossier, actor=citizen, reception=3, handling=3, result=2).result
    2
    """
    at = moment(at)
    dossier = lock(dossier, None)
    if not (actor and actor.is_authenticated and dossier.applicant_user_id == actor.pk):
        raise NotAllowed("Chỉ người nộp hồ sơ mới đánh giá được.")
    if dossier.status != Status.RETURNED:
        raise DossierStateError("Chỉ đánh giá được sau khi đã nhận kết quả.")
    if Rating.objects.filter(dossier=dossier).exists():
        raise DossierStateError("Hồ sơ này đã được đánh giá.")
    scores = {"reception": reception, "handling": handling, "result": result}
    errors = {
        name: "Chọn một mức độ hài lòng."
        for name, score in scores.items()
        if score not in Satisfaction.values
    }
    comment = (comment or "").strip()
    if len(comment) > RATING_COMMENT_MAX:
        errors["comment"] = f"Góp ý dài tối đa {RATING_COMMENT_MAX} ký tự."
    if errors:
        raise InvalidInput(errors)
    rating = Rating.objects.create(dossier=dossier, comment=comment, created_at=at, **scores)
    steps.record(
        DATABASE,
        dossier,
        actor=actor,
        kind=EventKind.RATE,
        from_status=dossier.status,
        at=at,
        payload=scores,
    )
    return rating


# What erasing a closed dossier's personal data leaves: the counts of every report (status,
# outcome, dates, agencies, procedure) stay; who applied and what they sent go.
ERASED_NAME = "[đã xóa]"


@operation
def erase_personal_data(dossier: Dossier, *, reason: str, at: datetime | None = None) -> Dossier:
    """Erase the applicant's personal data from a finished dossier, with its event.

    >>> erase_personal_data(dossier, reason="Hết thời hạn lưu 5 năm").applicant_name
    '[đã xóa]'
    """
    at = moment(at)
    dossier = lock(dossier, None)
    if dossier.finished_at is None:
        raise DossierStateError("cannot erase personal data: the dossier is not finished")
    dossier.applicant_name = ERASED_NAME
    dossier.applicant_name_folded = ""
    dossier.applicant_id_number = ""
    dossier.applicant_birth_date = None
    dossier.applicant_phone = ""
    dossier.applicant_email = ""
    dossier.applicant_address = ""
    dossier.applicant_user = None
    dossier.form_data = {}
    # The files are the documents themselves: their rows go now, their stored content with
    # the next `motcua drafts purge` (content nobody uses).
    files, _ = dossier.files.all().delete()
    steps.record(
        DATABASE,
        dossier,
        actor=None,
        kind=EventKind.ERASE_PERSONAL_DATA,
        from_status=dossier.status,
        at=at,
        note=reason,
        payload={"files": files},
    )
    return dossier
