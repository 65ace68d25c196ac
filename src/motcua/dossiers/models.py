"""Dossiers (hồ sơ), their documents, pauses, apologies and append-only events.

Only `motcua.dossiers.lifecycle` writes these rows; everything else reads them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ApplicantKind, DocumentForm, Procedure, ProcedureVersion
from motcua.org.models import Agency


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ tiếp nhận (nộp trực tuyến)")
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    WAITING_SUPPLEMENT = "waiting_supplement", _("Chờ bổ sung")
    APPROVED = "approved", _("Đã phê duyệt")
    RESULT_READY = "result_ready", _("Có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED = "refused", _("Từ chối")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.IN_PROGRESS,
    Status.WAITING_SUPPLEMENT,
    Status.APPROVED,
    Status.RESULT_READY,
)
# Statuses whose deadline is running (submitted ones start at acceptance).
RUNNING_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED, Status.RESULT_READY)
# Received and not finished: the deadline runs or waits for a supplement. (A submission
# waiting for a supplement before the desk accepted it is not received.)
RECEIVED_OPEN_STATUSES = tuple(s for s in OPEN_STATUSES if s != Status.SUBMITTED)


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính")


class Delivery(models.TextChoices):
    DESK = "desk", _("Tại Bộ phận Một cửa")
    POST = "post", _("Qua dịch vụ bưu chính")
    ONLINE = "online", _("Trực tuyến")


class Outcome(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")
    REFUSED = "refused", _("Từ chối")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")


class EventKind(models.TextChoices):
    """Every kind of dossier event, with what the history says of it (staff and citizens
    read the same words). The lifecycle's transitions are named after their event."""

    SUBMIT = "submit", _("Nộp hồ sơ trực tuyến")
    ACCEPT = "accept", _("Tiếp nhận hồ sơ trực tuyến")
    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    REFUSE_AT_RECEPTION = "refuse_at_reception", _("Từ chối tiếp nhận hồ sơ")
    ASSIGN = "assign", _("Phân công xử lý")
    FORWARD = "forward", _("Chuyển xử lý")
    SEND_BACK = "send_back", _("Chuyển lại bước trước")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung hồ sơ")
    RECEIVE_SUPPLEMENT = "receive_supplement", _("Nhận hồ sơ bổ sung")
    APPROVE = "approve", _("Phê duyệt")
    MARK_RESULT_READY = "mark_result_ready", _("Chuyển kết quả")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    REFUSE = "refuse", _("Từ chối giải quyết")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    APOLOGISE_AND_RESCHEDULE = "apologise_and_reschedule", _("Xin lỗi, hẹn lại ngày trả kết quả")
    RECOMPUTE_DEADLINES = "recompute_deadlines", _("Tính lại thời hạn (lịch làm việc thay đổi)")
    TRANSFER = "transfer", _("Chuyển cơ quan kế thừa (sắp xếp tổ chức)")
    ATTACH_FILE = "attach_file", _("Thêm tệp vào hồ sơ")
    PAYMENT = "payment", _("Thanh toán phí, lệ phí")
    RATE = "rate", _("Đánh giá mức độ hài lòng")
    ERASE_PERSONAL_DATA = "erase_personal_data", _("Xóa dữ liệu cá nhân khi hết thời hạn lưu")
    SEND_ORIGINALS = "send_originals", _("Gửi bản giấy hồ sơ đến cơ quan giải quyết")
    RECEIVE_ORIGINALS = "receive_originals", _("Nhận bản giấy hồ sơ từ nơi tiếp nhận")


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    procedure = models.ForeignKey(Procedure, models.PROTECT, related_name="dossiers")
    procedure_version = models.ForeignKey(ProcedureVersion, models.PROTECT, related_name="dossiers")
    receiving_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="received_dossiers", verbose_name=_("nơi tiếp nhận")
    )
    handling_agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        related_name="handled_dossiers",
        verbose_name=_("cơ quan giải quyết"),
    )

    applicant_kind = models.CharField(max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("họ tên / tên tổ chức"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh / mã số thuế"), max_length=20)
    applicant_birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_name_folded = models.CharField(max_length=255, db_index=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )

    channel = models.CharField(_("kênh nộp"), max_length=10, choices=Channel.choices)
    delivery = models.CharField(
        _("hình thức nhận kết quả"), max_length=10, choices=Delivery.choices
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, db_index=True)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    # Answers to the procedure's online form (portal), keyed by field name.
    form_data = models.JSONField(default=dict, blank=True)
    fee_amount = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), default=0)

    submitted_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn giải quyết theo quy định"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả xử lý"), max_length=10, choices=Outcome.choices, blank=True
    )

    current_step = models.PositiveSmallIntegerField(null=True, blank=True)
    # Who acts next and where (denormalised from the version's steps so that work queues
    # are one indexed query): the current step's role and the agency it acts at.
    current_role = models.CharField(max_length=20, blank=True)
    current_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+"
    )
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_due_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["handling_agency", "status", "due_at"]),
            models.Index(fields=["receiving_agency", "status"]),
            models.Index(fields=["current_agency", "current_role", "status"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["applicant_id_number"]),
            models.Index(fields=["applicant_phone"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def steps(self) -> list[dict]:
        return self.procedure_version.data["steps"]

    @property
    def step(self) -> dict | None:
        if self.current_step is None:
            return None
        return self.steps[self.current_step]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class DossierDocument(models.Model):
    """A document of the dossier: what the procedure asks for and whether it was handed in."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=500)
    form = models.CharField(max_length=20, choices=DocumentForm.choices)
    copies = models.PositiveSmallIntegerField(default=1)
    mandatory = models.BooleanField(default=True)
    received = models.BooleanField(default=False)

    class Meta:
        ordering = ["dossier", "order"]

    def __str__(self) -> str:
        return self.name


class Pause(models.Model):
    """Time waiting for the applicant: it does not count against the deadline."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["dossier", "started_at"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.started_at:%d/%m/%Y}"


class DailySequence(models.Model):
    """The last dossier number given by an agency on a day (dossier codes end in it)."""

    agency = models.ForeignKey(Agency, models.CASCADE)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="unique_daily_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class DossierEvent(models.Model):
    """One step of a dossier's history. Append-only; each carries the previous one's hash."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="events")
    sequence = models.PositiveIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    actor_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True)
    note = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(default=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="unique_event_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.sequence} {self.kind}"


class Blob(models.Model):
    """File content, stored once under its sha256 (outside the web root)."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256

    @property
    def path(self) -> str:
        """Where the storage keeps it: files/ab/abcdef..."""
        return f"files/{self.sha256[:2]}/{self.sha256}"


class FileKind(models.TextChoices):
    DOCUMENT = "document", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Hồ sơ bổ sung")
    RESULT = "result", _("Kết quả giải quyết")


class DossierFile(models.Model):
    """A file of a dossier: a submitted document, a supplement or the result."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=FileKind.choices)
    document_order = models.PositiveSmallIntegerField(null=True, blank=True)
    name = models.CharField(max_length=255)
    blob = models.ForeignKey(Blob, models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["dossier", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Thanh toán không thành công")
    REFUNDED = "refunded", _("Đã hoàn tiền")
    # Started at the gateway and abandoned: its page no longer takes the payment.
    EXPIRED = "expired", _("Hết hạn, chưa thanh toán")


class Payment(models.Model):
    """A fee payment of a dossier, online (through a gateway) or at the desk."""

    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="payments")
    amount = models.PositiveBigIntegerField()
    online = models.BooleanField(default=True)
    provider = models.CharField(max_length=40, blank=True)
    reference = models.CharField(max_length=64, unique=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    created_at = models.DateTimeField()
    # When the gateway stops taking an online payment (its own timeout).
    expires_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "created_at"]

    def __str__(self) -> str:
        return self.reference


class Satisfaction(models.IntegerChoices):
    UNSATISFIED = 1, _("Không hài lòng")
    SATISFIED = 2, _("Hài lòng")
    VERY_SATISFIED = 3, _("Rất hài lòng")


class Rating(models.Model):
    """The applicant's rating of the service once the result is returned."""

    dossier = models.OneToOneField(Dossier, models.CASCADE, related_name="rating")
    reception = models.PositiveSmallIntegerField(_("tiếp nhận"), choices=Satisfaction.choices)
    handling = models.PositiveSmallIntegerField(_("giải quyết"), choices=Satisfaction.choices)
    result = models.PositiveSmallIntegerField(_("kết quả"), choices=Satisfaction.choices)
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.reception}/{self.handling}/{self.result}"


class PaperHandover(models.Model):
    """The paper originals of a dossier received at one centre for an agency of another
    (reception regardless of administrative boundary, Decree 118/2025/NĐ-CP): sent by the
    receiving centre, received by the competent agency, due by `due_at` (the rule set's
    `handover_working_days` after reception). Written only by `lifecycle.handovers`."""

    dossier = models.OneToOneField(Dossier, models.CASCADE, related_name="handover")
    from_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="handovers_out", verbose_name=_("nơi gửi")
    )
    to_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="handovers_in", verbose_name=_("nơi nhận")
    )
    due_at = models.DateTimeField(_("hạn bàn giao bản giấy"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("thời điểm nhận"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bàn giao bản giấy")
        verbose_name_plural = _("bàn giao bản giấy")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["from_agency", "sent_at"]),
            models.Index(fields=["to_agency", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_agency_id} → {self.to_agency_id}"

    @property
    def state(self) -> str:
        if self.received_at:
            return "received"
        return "sent" if self.sent_at else "to_send"

    def overdue(self, now) -> bool:
        return self.received_at is None and self.due_at < now
