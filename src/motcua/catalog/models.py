"""The public catalog: fields, procedures (TTHC), their documents and internal steps.

A procedure is edited in place; every published change freezes a `ProcedureVersion`
(a snapshot of the terms, documents and steps). Dossiers point at the version they were
received under, so a later change never rewrites an old promise.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.org.models import AgencyKind, Role
from motcua.text import fold, sort_key, words

# The legal working day of civil servants: internal steps are planned in working hours and
# checked against the legal time with this many hours per working day.
HOURS_PER_WORKING_DAY = 8


class Field(models.Model):
    """Lĩnh vực."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False)
    sort_key = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_key", "code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    WORKING_HOURS = "working_hours", _("giờ làm việc")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "partial", _("Dịch vụ công trực tuyến một phần")
    NONE = "none", _("Không cung cấp trực tuyến")


class ApplicantKind(models.TextChoices):
    """Who may apply for a procedure (`Procedure.applicant_types`) and who applied for a
    dossier (`Dossier.applicant_kind`)."""

    INDIVIDUAL = "individual", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class DocumentType(models.Model):
    """A kind of paper that procedures ask for or issue (giấy khai sinh, căn cước …).

    A required document and a procedure's result name their type, so a paper issued by one
    procedure, or digitised once at a counter, is recognised when another asks for it.
    """

    code = models.SlugField(_("mã loại giấy tờ"), max_length=60, unique=True)
    name = models.CharField(_("tên loại giấy tờ"), max_length=255)

    class Meta:
        verbose_name = _("loại giấy tờ")
        verbose_name_plural = _("loại giấy tờ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """Thủ tục hành chính."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    agency_kinds = models.ManyToManyField(
        AgencyKind, related_name="procedures", verbose_name=_("cấp thực hiện")
    )
    time_quantity = models.DecimalField(
        _("thời hạn giải quyết"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("0 ngày làm việc nghĩa là giải quyết trong ngày."),
    )
    time_unit = models.CharField(_("đơn vị thời hạn"), max_length=20, choices=TimeUnit.choices)
    same_day_cutoff = models.TimeField(
        _("giờ tiếp nhận muộn nhất trong ngày"),
        null=True,
        blank=True,
        help_text=_("Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo (ví dụ 15:00)."),
    )
    fee_amount = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), null=True, blank=True)
    fee_description = models.TextField(_("mô tả phí, lệ phí"), blank=True)
    applicant_types = models.JSONField(_("đối tượng thực hiện"), default=list)
    description = models.TextField(_("trình tự thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    result_name = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    result_type = models.ForeignKey(
        DocumentType,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_by",
        verbose_name=_("loại giấy tờ của kết quả"),
    )
    declaration = models.JSONField(
        _("tờ khai"),
        default=dict,
        blank=True,
        help_text=_(
            "Tiêu đề, mẫu (nguồn pháp lý) và lời cam đoan của tờ khai: "
            '{"title": "TỜ KHAI ĐĂNG KÝ KHAI SINH", "source": "…", "commitment": "…"}'
        ),
    )
    handling_office = models.CharField(
        _("cơ quan trực tiếp thực hiện"),
        max_length=200,
        blank=True,
        help_text=_(
            "Tên ngắn của cơ quan thuộc nơi tiếp nhận giải quyết hồ sơ, ví dụ: Phòng Tư pháp."
            " Để trống nếu chính nơi tiếp nhận giải quyết."
        ),
    )
    # The level of national electronic identity account an online applicant needs
    # (Decree 69/2024/NĐ-CP): 0 none, 2 for procedures that demand a level 2 account.
    identity_level = models.PositiveSmallIntegerField(
        _("mức tài khoản định danh điện tử yêu cầu"),
        choices=[(0, _("Không yêu cầu")), (1, _("Mức độ 1")), (2, _("Mức độ 2"))],
        default=0,
    )
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    restart_on_supplement = models.BooleanField(
        _("tính lại thời hạn khi bổ sung"),
        default=False,
        help_text=_(
            "Khi công dân bổ sung hồ sơ, thời hạn được tính lại từ đầu (theo luật chuyên ngành)."
        ),
    )
    # Decree 118/2025/NĐ-CP: any service centre of the province receives the procedures the
    # Chairman of the provincial People's Committee lists (docs/decisions/0121).
    boundary_free = models.BooleanField(
        _("tiếp nhận không phụ thuộc địa giới hành chính"),
        default=False,
        help_text=_(
            "Theo danh mục thủ tục hành chính thực hiện không phụ thuộc vào địa giới hành chính"
            " do Chủ tịch UBND tỉnh công bố (Nghị định 118/2025/NĐ-CP): mọi Trung tâm phục vụ"
            " hành chính công trong tỉnh tiếp nhận, hồ sơ được chuyển đến cơ quan có thẩm quyền."
        ),
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)
    note = models.TextField(
        _("ghi chú dữ liệu"), blank=True, help_text=_("Điểm chưa được xác minh.")
    )
    # The name's folded words, punctuation dropped: "dang ky nhan cha me con" (search).
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    sort_key = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__sort_key", "sort_key", "code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.name_folded = " ".join(words(self.name))
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        bad = set(self.applicant_types or []) - set(ApplicantKind.values)
        if bad or not self.applicant_types:
            raise ValidationError(
                {"applicant_types": _("Đối tượng thực hiện phải là công dân và/hoặc tổ chức.")}
            )
        if self.same_day_cutoff and not (
            self.time_unit == TimeUnit.WORKING_DAYS and self.time_quantity == 0
        ):
            raise ValidationError(
                {
                    "same_day_cutoff": _(
                        "Giờ tiếp nhận muộn nhất chỉ dùng cho thủ tục giải quyết trong ngày."
                    )
                }
            )

    @property
    def legal_hours(self) -> Decimal:
        """The legal time in working hours, as internal steps must plan it."""
        if self.time_unit == TimeUnit.WORKING_HOURS:
            return self.time_quantity
        return self.time_quantity * HOURS_PER_WORKING_DAY

    @property
    def is_same_day(self) -> bool:
        return self.time_unit == TimeUnit.WORKING_DAYS and self.time_quantity == 0

    def time_display(self) -> str:
        if self.is_same_day:
            return "Trong ngày làm việc"
        quantity = f"{self.time_quantity.normalize():f}".replace(".", ",")
        return f"{quantity} {self.get_time_unit_display()}"


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    COPY = "copy", _("Bản sao")
    CERTIFIED_COPY = "certified_copy", _("Bản sao chứng thực")


class RequiredDocument(models.Model):
    """Thành phần hồ sơ."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    form = models.CharField(_("loại bản"), max_length=20, choices=DocumentForm.choices)
    copies = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    document_type = models.ForeignKey(
        DocumentType,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại giấy tờ"),
        help_text=_("Để nhận ra giấy tờ công dân đã có trong kho dữ liệu điện tử."),
    )
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/templates/", blank=True)
    # Data the state already holds (Decree 104/2022/NĐ-CP): the agency reads it from the
    # national population database, the applicant does not upload it.
    state_data = models.CharField(
        _("dữ liệu nhà nước đã có"),
        max_length=20,
        blank=True,
        choices=[
            ("residence", _("Thông tin về cư trú (CSDL quốc gia về dân cư)")),
            ("identity", _("Thông tin căn cước (CSDL quốc gia về dân cư)")),
        ],
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["procedure", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Performer(models.TextChoices):
    RECEIVING_DESK = "receiving_desk", _("Bộ phận tiếp nhận và trả kết quả")
    HANDLING_DEPARTMENT = "handling_department", _("Cơ quan, bộ phận chuyên môn thụ lý")
    LEADERSHIP = "leadership", _("Lãnh đạo cơ quan có thẩm quyền")


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ)."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("nội dung công việc"), max_length=300)
    role = models.CharField(_("vai trò thực hiện"), max_length=20, choices=Role.choices)
    performer = models.CharField(_("bộ phận thực hiện"), max_length=30, choices=Performer.choices)
    hours = models.DecimalField(
        _("thời gian (giờ làm việc)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["procedure", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProcedureVersion(models.Model):
    """A frozen snapshot of a procedure as published at one moment."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    data = models.JSONField(_("nội dung"))

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="unique_procedure_version")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"


from .form_fields import FieldKind, FormField, Prefill  # noqa: E402, F401  (declared in its own module)
