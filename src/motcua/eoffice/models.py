"""Official documents: registers, incoming and outgoing documents, their handling and
exchange (Decree 30/2020/NĐ-CP on clerical work; see docs/eoffice.md).

Numbers are given by `numbering.take_number` only: an outgoing document has no number
until it is released, an incoming one none until the clerk registers it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency
from motcua.text import fold


class Direction(models.TextChoices):
    INCOMING = "in", _("Văn bản đến")
    OUTGOING = "out", _("Văn bản đi")


class Urgency(models.TextChoices):
    """Mức độ khẩn (Decree 30/2020 Appendix I: khẩn, thượng khẩn, hỏa tốc)."""

    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    EXPRESS = "express", _("Hỏa tốc")


class Confidentiality(models.TextChoices):
    """Độ mật (Law on Protection of State Secrets 2018, Art. 8: mật, tối mật, tuyệt mật)."""

    NORMAL = "normal", _("Thường")
    SECRET = "secret", _("Mật")
    TOP_SECRET = "top_secret", _("Tối mật")
    ABSOLUTE = "absolute", _("Tuyệt mật")


class DocumentType(models.Model):
    """Tên loại văn bản and its abbreviation in the symbol (Decree 30/2020 Appendix III)."""

    code = models.CharField(_("chữ viết tắt"), max_length=10, unique=True, blank=True)
    name = models.CharField(_("tên loại"), max_length=100, unique=True)
    starter = models.TextField(_("nội dung mẫu khi soạn thảo"), blank=True)
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_letter(self) -> bool:
        """Công văn: no type name printed, the subject goes under the number (V/v ...)."""
        return not self.code


class Issuer(models.Model):
    """What an agency's documents print: the heading, the symbol's abbreviation, the place."""

    agency = models.OneToOneField(
        Agency, models.CASCADE, related_name="issuer", verbose_name=_("cơ quan")
    )
    abbreviation = models.CharField(
        _("chữ viết tắt tên cơ quan"), max_length=30, help_text=_("Ví dụ: UBND")
    )
    governing_heading = models.CharField(
        _("tên cơ quan chủ quản (dòng trên)"), max_length=200, blank=True
    )
    heading = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        help_text=_("In hoa; xuống dòng bằng dấu |, ví dụ: ỦY BAN NHÂN DÂN|HUYỆN TÂN BIÊN"),
    )
    place = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: Tân Biên"))
    collective = models.CharField(
        _("tên tập thể ký TM."), max_length=200, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN")
    )
    email = models.EmailField(_("hộp thư công vụ"), blank=True)

    class Meta:
        verbose_name = _("thông tin ban hành văn bản")
        verbose_name_plural = _("thông tin ban hành văn bản")

    def __str__(self) -> str:
        return f"{self.abbreviation} · {self.agency}"


class Register(models.Model):
    """Sổ đăng ký văn bản đến / đi of an agency for one year: the counter numbers come from.
    The number restarts at 1 every year (Decree 30/2020 Art. 15 para. 1, Art. 22)."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    direction = models.CharField(max_length=3, choices=Direction.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "direction"], name="one_register")
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.year} · {self.agency}"


class IncomingStatus(models.TextChoices):
    RECEIVED = "received", _("Chờ vào sổ")
    REGISTERED = "registered", _("Chờ phân công")
    ASSIGNED = "assigned", _("Đang xử lý")
    CLOSED = "closed", _("Đã xử lý xong")


class Channel(models.TextChoices):
    EXCHANGE = "exchange", _("Liên thông điện tử")
    EMAIL = "email", _("Thư điện tử")
    PAPER = "paper", _("Bản giấy (đã số hóa)")


def _file_name(instance, filename: str) -> str:
    return f"eoffice/{uuid.uuid4().hex}.pdf"


class IncomingDocument(models.Model):
    """Văn bản đến. `number` is the arrival number (số đến), given at registration."""

    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="incoming_documents", verbose_name=_("cơ quan nhận")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=IncomingStatus.choices,
        default=IncomingStatus.RECEIVED,
    )
    channel = models.CharField(_("hình thức nhận"), max_length=10, choices=Channel.choices)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số đến"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"))
    registered_at = models.DateTimeField(_("ngày đến (vào sổ)"), null=True, blank=True)
    sender_name = models.CharField(_("cơ quan ban hành"), max_length=255)
    sender_code = models.CharField(_("mã định danh cơ quan gửi"), max_length=40, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày văn bản"))
    document_type = models.ForeignKey(
        DocumentType, models.PROTECT, null=True, blank=True, verbose_name=_("loại văn bản")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    confidentiality = models.CharField(
        _("độ mật"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    file = models.FileField(_("tệp văn bản"), upload_to=_file_name, blank=True)
    signatures = models.JSONField(_("kết quả kiểm tra chữ ký số"), default=list, blank=True)
    lead_unit = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="led_documents",
        verbose_name=_("đơn vị chủ trì"),
    )
    cooperating_units = models.ManyToManyField(
        Agency, blank=True, related_name="cooperated_documents", verbose_name=_("đơn vị phối hợp")
    )
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    answer = models.ForeignKey(
        "OutgoingDocument",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers_to",
        verbose_name=_("văn bản trả lời"),
    )
    exchange_id = models.UUIDField(_("mã thông điệp liên thông"), null=True, blank=True)
    search_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="one_incoming_number"
            ),
            models.UniqueConstraint(
                fields=["agency", "exchange_id"], name="one_incoming_per_message"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} · {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_folded = fold(
            f"{self.number or ''} {self.symbol} {self.title} {self.sender_name} {self.signer}"
        )
        super().save(*args, **kwargs)


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    REVIEW = "review", _("Chờ Văn phòng kiểm tra")
    SIGNING = "signing", _("Chờ lãnh đạo duyệt ký")
    APPROVED = "approved", _("Đã duyệt, chờ phát hành")
    RELEASED = "released", _("Đã phát hành")


class SignatureForm(models.TextChoices):
    """Thẩm quyền ký (Decree 30/2020 Art. 13): in one's own name, or TM., KT., Q., TL., TUQ."""

    OWN = "", _("Người đứng đầu ký")
    ON_BEHALF = "TM.", _("TM. (thay mặt tập thể)")
    DEPUTY = "KT.", _("KT. (ký thay người đứng đầu)")
    ACTING = "Q.", _("Q. (quyền)")
    BY_ORDER = "TL.", _("TL. (thừa lệnh)")
    AUTHORISED = "TUQ.", _("TUQ. (thừa ủy quyền)")


class OutgoingDocument(models.Model):
    """Văn bản đi: drafted, reviewed, approved, then released (numbered, signed) and sent."""

    agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        related_name="outgoing_documents",
        verbose_name=_("cơ quan ban hành"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=OutgoingStatus.choices,
        default=OutgoingStatus.DRAFT,
    )
    document_type = models.ForeignKey(DocumentType, models.PROTECT, verbose_name=_("loại văn bản"))
    title = models.CharField(_("trích yếu"), max_length=500)
    body = models.TextField(_("nội dung"))
    recipients_text = models.TextField(
        _("nơi nhận (in trên văn bản)"), blank=True, help_text=_("Mỗi dòng một nơi nhận.")
    )
    recipient_agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="addressed_documents",
        verbose_name=_("gửi điện tử tới cơ quan"),
    )
    recipient_emails = models.TextField(
        _("gửi qua thư điện tử"), blank=True, help_text=_("Mỗi dòng một địa chỉ.")
    )
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    confidentiality = models.CharField(
        _("độ mật"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    unit_abbreviation = models.CharField(
        _("chữ viết tắt đơn vị soạn thảo"),
        max_length=20,
        blank=True,
        help_text=_("Công văn: ký hiệu là UBND-VP khi Văn phòng soạn thảo."),
    )
    signature_form = models.CharField(
        _("hình thức ký"), max_length=5, choices=SignatureForm.choices, blank=True, default=""
    )
    authority = models.CharField(
        _("chức danh người đứng đầu / tập thể"),
        max_length=200,
        blank=True,
        help_text=_("Dòng sau TM./KT./Q., ví dụ: ỦY BAN NHÂN DÂN hoặc CHỦ TỊCH"),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người ký")
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người soạn")
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    replies_to = models.ForeignKey(
        IncomingDocument,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("trả lời văn bản đến"),
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    released_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    file = models.FileField(_("văn bản đã ký số"), upload_to=_file_name, blank=True)
    version = models.PositiveIntegerField(default=0)
    search_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="one_outgoing_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(status="released"),
                name="numbered_only_when_released",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol or 'Dự thảo'} · {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_folded = fold(f"{self.symbol} {self.title} {self.agency.name}")
        super().save(*args, **kwargs)


class EventKind(models.TextChoices):
    RECEIVE = "receive", _("Nhận văn bản")
    REGISTER = "register", _("Vào sổ văn bản đến")
    ASSIGN = "assign", _("Phân công xử lý")
    OPINION = "opinion", _("Ý kiến")
    CLOSE = "close", _("Hoàn thành xử lý")
    DRAFT = "draft", _("Soạn dự thảo")
    SUBMIT = "submit", _("Trình dự thảo")
    CHECK = "check", _("Văn phòng kiểm tra, trình ký")
    RETURN = "return", _("Trả lại để sửa")
    APPROVE = "approve", _("Lãnh đạo duyệt ký")
    RELEASE = "release", _("Cấp số, ký số, phát hành")
    DELIVER = "deliver", _("Gửi văn bản")
    RECEIPT = "receipt", _("Báo nhận của nơi nhận")


class Event(models.Model):
    """One step in the life of a document, written in the transaction of the change."""

    incoming = models.ForeignKey(
        IncomingDocument, models.CASCADE, null=True, blank=True, related_name="events"
    )
    outgoing = models.ForeignKey(
        OutgoingDocument, models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("việc"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    unit = models.ForeignKey(Agency, models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("quá trình xử lý văn bản")
        verbose_name_plural = _("quá trình xử lý văn bản")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.actor_name}"


class Peer(models.Model):
    """Another installation that receives documents for an agency: where to post them and
    the shared key both sides sign messages with (HMAC-SHA256)."""

    code = models.CharField(_("mã định danh cơ quan"), max_length=40, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    url = models.URLField(
        _("địa chỉ hệ thống"), help_text=_("Ví dụ: https://vanban.tanlap.example")
    )
    key = models.CharField(_("khóa chung ký thông điệp"), max_length=200)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("hệ thống liên thông")
        verbose_name_plural = _("hệ thống liên thông")

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"


class DeliveryStatus(models.TextChoices):
    """Trạng thái gửi nhận (the exchange platform's status codes, see docs/eoffice.md)."""

    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "01", _("Đã đến")
    REJECTED = "02", _("Từ chối")
    ACCEPTED = "03", _("Đã tiếp nhận")
    ASSIGNED = "04", _("Đã phân công")
    DONE = "06", _("Hoàn thành")
    SENT = "sent", _("Đã gửi thư điện tử")


class Delivery(models.Model):
    """One recipient of a released document and how far it got."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="deliveries")
    agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="+")
    peer = models.ForeignKey(Peer, models.PROTECT, null=True, blank=True, related_name="+")
    email = models.EmailField(blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("nơi nhận văn bản")
        verbose_name_plural = _("nơi nhận văn bản")
        ordering = ["document", "updated_at"]

    def __str__(self) -> str:
        return self.recipient

    @property
    def recipient(self) -> str:
        if self.peer_id:
            return self.peer.name
        if self.agency_id:
            return self.agency.name
        return self.email


class Receipt(models.Model):
    """A status receipt owed to the installation that sent us a document: kept until the
    peer took it, so a peer that is down gets it later (`motcua eoffice deliver`)."""

    peer = models.ForeignKey(Peer, models.PROTECT, related_name="+")
    sender = models.CharField(_("cơ quan báo"), max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(_("tạo lúc"))
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("báo nhận gửi đi")
        verbose_name_plural = _("báo nhận gửi đi")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.payload.get('status')} → {self.peer}"
