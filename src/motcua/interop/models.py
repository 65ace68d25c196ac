"""Other systems talking to motcua: API clients and their calls, idempotent requests,
webhook subscriptions, and the synchronisation with the national portal.

Dossier state stays with `motcua.dossiers.lifecycle`; these rows only say who called, what
was already answered and what the national portal was told.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency


class Scope(models.TextChoices):
    READ = "read", _("Đọc hồ sơ")
    WRITE = "write", _("Nộp hồ sơ, tải giấy tờ, đăng ký webhook")


class ApiClient(models.Model):
    """A system allowed to call the dossier API for an agency and its subtree.

    Only the sha256 of its bearer token is kept; the token is shown once at creation. The
    client acts through its own `user` (no password, no roles), named in dossier events.
    """

    name = models.CharField(_("tên hệ thống"), max_length=100, unique=True)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="api_clients")
    scopes = models.JSONField(_("quyền"), default=list)
    token_sha256 = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(_("đầu mã truy cập"), max_length=12)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.PROTECT, related_name="api_client")
    created_at = models.DateTimeField(_("tạo lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hệ thống kết nối API")
        verbose_name_plural = _("hệ thống kết nối API")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def covers(self, agency: Agency) -> bool:
        """True when `agency` is the client's agency or below it."""
        return agency.path.startswith(self.agency.path)


class ApiCall(models.Model):
    """One call to the API that carried a bearer token (known or not)."""

    client = models.ForeignKey(ApiClient, models.CASCADE, null=True, related_name="calls")
    at = models.DateTimeField(_("lúc"))
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    remote_addr = models.CharField(max_length=45, blank=True)

    class Meta:
        verbose_name = _("lượt gọi API")
        verbose_name_plural = _("lượt gọi API")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"


class Submission(models.Model):
    """A dossier a client filed: its `Idempotency-Key` (the same key again gets the same
    dossier) and the client's own identifier of it."""

    client = models.ForeignKey(ApiClient, models.CASCADE, related_name="submissions")
    idempotency_key = models.CharField(max_length=255)
    request_sha256 = models.CharField(max_length=64)
    external_id = models.CharField(_("mã hồ sơ ở hệ thống gửi"), max_length=100, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier", models.CASCADE, null=True, blank=True, related_name="submission"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"], name="unique_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class Subscription(models.Model):
    """A URL that receives every dossier event of the client's agencies, signed with `secret`."""

    client = models.ForeignKey(ApiClient, models.CASCADE, related_name="subscriptions")
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    active = models.BooleanField(_("đang nhận"), default=True)

    class Meta:
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class NationalDossier(models.Model):
    """A dossier's link with the national portal: its national code and the statuses pushed
    and confirmed (by the nightly reconciliation)."""

    dossier = models.OneToOneField("dossiers.Dossier", models.CASCADE, related_name="national")
    national_code = models.CharField(_("mã hồ sơ trên Cổng DVCQG"), max_length=64, unique=True)
    inbound = models.BooleanField(_("nộp trên Cổng DVCQG"), default=False)
    pushed_status = models.CharField(max_length=4, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    confirmed_status = models.CharField(max_length=4, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ đồng bộ Cổng DVCQG")
        verbose_name_plural = _("hồ sơ đồng bộ Cổng DVCQG")

    def __str__(self) -> str:
        return self.national_code


class Reconciliation(models.Model):
    """One run of the nightly comparison with the national portal, for one day."""

    day = models.DateField(_("ngày đối soát"))
    ran_at = models.DateTimeField(_("chạy lúc"))
    local_count = models.PositiveIntegerField(_("số hồ sơ tại hệ thống"))
    national_count = models.PositiveIntegerField(_("số hồ sơ trên Cổng DVCQG"))
    matched = models.PositiveIntegerField(_("khớp trạng thái"))
    resent = models.PositiveIntegerField(_("đã gửi lại"))
    differences = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("đối soát với Cổng DVCQG")
        verbose_name_plural = _("đối soát với Cổng DVCQG")
        ordering = ["-day", "-ran_at"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.matched}/{self.local_count}"


class NationalIdentity(models.Model):
    """What the national identity provider (VNeID) said about a citizen's account at the
    last login: its subject and its level (1 or 2, Decree 69/2024/NĐ-CP Art. 12)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="national_identity"
    )
    subject = models.CharField(max_length=255, unique=True)
    level = models.PositiveSmallIntegerField(_("mức độ tài khoản định danh điện tử"))
    verified_at = models.DateTimeField(_("xác thực lúc"))

    class Meta:
        verbose_name = _("tài khoản định danh điện tử")
        verbose_name_plural = _("tài khoản định danh điện tử")

    def __str__(self) -> str:
        return f"{self.user} (mức {self.level})"


class PopulationLookup(models.Model):
    """One lookup in the national population database: who asked, about whom, for which
    procedure, with the citizen's consent (Decree 13/2023/NĐ-CP), and whether it was found."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12)
    procedure = models.ForeignKey(
        "catalog.Procedure", models.CASCADE, related_name="+", verbose_name=_("thủ tục")
    )
    consent_at = models.DateTimeField(_("đồng ý lúc"))
    found = models.BooleanField(_("có dữ liệu"))
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("lượt khai thác CSDL dân cư")
        verbose_name_plural = _("lượt khai thác CSDL dân cư")
        ordering = ["-consent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.id_number} {self.consent_at:%d/%m/%Y %H:%M}"


class ReceiptSeries(models.Model):
    """A registered series of electronic fee receipts (biên lai điện tử) of an agency and
    its subtree: the template number, the series symbol and the last number given."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="receipt_series")
    template_code = models.CharField(_("mẫu số biên lai"), max_length=20)
    symbol = models.CharField(_("ký hiệu biên lai"), max_length=20)
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("ký hiệu biên lai điện tử")
        verbose_name_plural = _("ký hiệu biên lai điện tử")
        constraints = [
            models.UniqueConstraint(fields=["template_code", "symbol"], name="unique_series")
        ]

    def __str__(self) -> str:
        return f"{self.template_code} {self.symbol}"


class Receipt(models.Model):
    """An electronic receipt for one paid fee: its series and number, issued once."""

    series = models.ForeignKey(ReceiptSeries, models.PROTECT, related_name="receipts")
    number = models.PositiveIntegerField(_("số biên lai"))
    payment = models.OneToOneField("dossiers.Payment", models.PROTECT, related_name="receipt")
    issued_at = models.DateTimeField(_("ngày lập"))

    class Meta:
        verbose_name = _("biên lai điện tử")
        verbose_name_plural = _("biên lai điện tử")
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_receipt_number")
        ]

    def __str__(self) -> str:
        return f"{self.series.symbol} {self.number:07d}"


class PaymentReconciliation(models.Model):
    """One day's comparison of what we recorded paid with what the payment platform
    reports received."""

    day = models.DateField(_("ngày đối soát"))
    provider = models.CharField(max_length=40)
    ran_at = models.DateTimeField(_("chạy lúc"))
    paid_count = models.PositiveIntegerField(_("số giao dịch đã ghi nhận"))
    paid_amount = models.PositiveBigIntegerField(_("số tiền đã ghi nhận"))
    received_count = models.PositiveIntegerField(_("số giao dịch nền tảng báo"))
    received_amount = models.PositiveBigIntegerField(_("số tiền nền tảng báo"))
    differences = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("đối soát thanh toán")
        verbose_name_plural = _("đối soát thanh toán")
        ordering = ["-day", "-ran_at"]

    def __str__(self) -> str:
        return f"{self.provider} {self.day:%d/%m/%Y}"
