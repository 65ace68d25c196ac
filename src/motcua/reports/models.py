"""Report rollups (counts kept with the events), the reporting rules and the service index data.

`Rollup` rows hold, per handling agency, procedure, channel and time bucket, how many
dossiers entered or left each state; the same counts are kept at three grains (day, month,
year) so that any period is a sum of few rows. `OpenDossier` keeps, for each received and
unfinished dossier, the facts its counts were derived from, so that the next event can
correct them exactly. Only `motcua.reports.rollups` writes these three tables.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency

# Every counter of a rollup row, in the order of the columns.
MEASURES = (
    "received",
    "early",
    "on_time",
    "late",
    "refused",
    "withdrawn",
    "rejected",
    "apologised",
    "waiting_in",
    "waiting_out",
    "overdue_in",
    "overdue_out",
    "e_result",
    "e_documents",
    "with_fee",
    "paid_online",
    "late_unapologised",
    "rated",
    "satisfied",
    "moved_in",
    "moved_out",
)


# What the system computes for the service index (`index._figures`); other metrics are
# entered by hand ("manual").
COMPUTED_SOURCES = (
    "progress",
    "online",
    "payment_procedures",
    "paid_online",
    "satisfaction",
    "e_result",
    "e_documents",
    "reuse",
    "certified_copies",
    "feedback_on_time",
    "feedback_satisfaction",
    "national_sync",
)
MANUAL = "manual"


class Formula(models.TextChoices):
    """How a metric's ratio becomes points (Decision 766/QĐ-TTg, annex)."""

    RATIO = "ratio", _("Tỷ lệ × điểm tối đa")
    TARGET = "target", _("Đạt chỉ tiêu: điểm tối đa; chưa đạt: tỷ lệ / chỉ tiêu × điểm tối đa")


class Grain(models.IntegerChoices):
    DAY = 1, _("ngày")
    MONTH = 2, _("tháng")
    YEAR = 3, _("năm")


def _counter(label):
    return models.IntegerField(label, default=0)


class Rollup(models.Model):
    """Counts of one (agency, procedure, channel) over one day, month or year.

    Flows (entered in the bucket): received; resolved early / on time / late; refused and
    withdrawn after reception; rejected at reception (form 03, never received); apologies
    (form 04); entries into and exits from "waiting for a supplement" and "overdue";
    among the resolved, those with an electronic result, with digitised documents, with a
    fee, paid online; ratings given and satisfied ones; dossiers moved in from, or out to,
    another handling agency by a re-organisation (docs/decisions/0120). Stocks at a moment
    are sums of flows up to it (see `figures`).
    """

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    grain = models.PositiveSmallIntegerField(choices=Grain.choices)
    starts_on = models.DateField()
    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10)

    received = _counter(_("tiếp nhận"))
    early = _counter(_("giải quyết trước hạn"))
    on_time = _counter(_("giải quyết đúng hạn"))
    late = _counter(_("giải quyết trễ hạn"))
    refused = _counter(_("từ chối sau tiếp nhận"))
    withdrawn = _counter(_("rút hồ sơ"))
    rejected = _counter(_("từ chối tiếp nhận"))
    apologised = _counter(_("phiếu xin lỗi"))
    waiting_in = _counter(_("bắt đầu chờ bổ sung"))
    waiting_out = _counter(_("hết chờ bổ sung"))
    overdue_in = _counter(_("bắt đầu quá hạn"))
    overdue_out = _counter(_("hết quá hạn"))
    e_result = _counter(_("có kết quả điện tử"))
    e_documents = _counter(_("có thành phần số hóa"))
    with_fee = _counter(_("có phí, lệ phí"))
    paid_online = _counter(_("thanh toán trực tuyến"))
    late_unapologised = _counter(_("trễ hạn không có văn bản xin lỗi"))
    rated = _counter(_("lượt đánh giá"))
    satisfied = _counter(_("đánh giá hài lòng"))
    moved_in = _counter(_("chuyển đến do sắp xếp đơn vị"))
    moved_out = _counter(_("chuyển đi do sắp xếp đơn vị"))

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "grain", "starts_on", "procedure", "channel"],
                name="unique_rollup_bucket",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.get_grain_display()} {self.starts_on} {self.procedure_id}"


class StepRollup(models.Model):
    """Internal steps completed in a month, and how many of them after the step's deadline."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    month = models.DateField()
    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="+")
    step = models.PositiveSmallIntegerField()
    done = models.IntegerField(default=0)
    late = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu bước xử lý")
        verbose_name_plural = _("số liệu bước xử lý")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "month", "procedure", "step"], name="unique_step_rollup"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.month} {self.procedure_id}#{self.step}"


class OpenDossier(models.Model):
    """A received, unfinished dossier as the rollups know it (deleted when it finishes).

    `facts` are the days its counts come from (see `motcua.reports.facts.Facts`); `step`
    and `step_due_at` are the internal step it is at and that step's deadline, to judge the
    step when it is handed over.
    """

    dossier = models.OneToOneField(Dossier, models.CASCADE, primary_key=True, related_name="+")
    facts = models.JSONField()
    step = models.PositiveSmallIntegerField(null=True)
    step_due_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("hồ sơ đang giải quyết (báo cáo)")
        verbose_name_plural = _("hồ sơ đang giải quyết (báo cáo)")

    def __str__(self) -> str:
        return str(self.dossier_id)


class ReportingRule(models.Model):
    """How reporting periods are cut. With `start_day` 1 (the default) a month is a
    calendar month; with 15 the month of March runs from 15/02 to 14/03 and the year 2022
    from 15/12/2021 to 14/12/2022 (Circular 01/2020/TT-VPCP as commonly read: UNCONFIRMED).
    One row; without it, calendar periods."""

    start_day = models.PositiveSmallIntegerField(
        _("ngày bắt đầu kỳ báo cáo"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "1: kỳ theo tháng dương lịch. 15: kỳ tháng 3 tính từ 15/02 đến 14/03 "
            "(cách cắt kỳ thường gặp theo Thông tư 01/2020/TT-VPCP, chưa xác minh)."
        ),
    )

    class Meta:
        verbose_name = _("quy tắc kỳ báo cáo")
        verbose_name_plural = _("quy tắc kỳ báo cáo")

    def __str__(self) -> str:
        return f"Kỳ báo cáo bắt đầu ngày {self.start_day}"

    @classmethod
    def current_start_day(cls) -> int:
        rule = cls.objects.order_by("pk").first()
        return rule.start_day if rule else 1


class IndexMetric(models.Model):
    """One metric of the service index (Decision 766/QĐ-TTg): its group, points and source.

    `source` names a computed figure (`COMPUTED_SOURCES`) or is "manual": an
    administrator enters its numerator and denominator (`IndexInput`).
    Seeded from `reports/data/index_766.toml`."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    group = models.PositiveSmallIntegerField(_("nhóm"))
    group_name = models.CharField(_("tên nhóm"), max_length=200)
    name = models.CharField(_("chỉ số"), max_length=300)
    points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    source = models.CharField(_("nguồn số liệu"), max_length=40)
    commune_applies = models.BooleanField(_("áp dụng cấp xã"), default=True)
    formula = models.CharField(
        _("cách tính điểm"), max_length=10, choices=Formula.choices, default=Formula.RATIO
    )
    target = models.DecimalField(
        _("chỉ tiêu (tỷ lệ)"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Chỉ dùng với cách tính theo chỉ tiêu, ví dụ 0,900 là 90%."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ số phục vụ (QĐ 766)")
        verbose_name_plural = _("chỉ số phục vụ (QĐ 766)")
        ordering = ["group", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.source not in (*COMPUTED_SOURCES, MANUAL):
            sources = ", ".join((*COMPUTED_SOURCES, MANUAL))
            raise ValidationError({"source": _("Nguồn số liệu phải là một trong: ") + sources})
        if self.formula == Formula.TARGET and not (self.target and 0 < self.target <= 1):
            raise ValidationError({"target": _("Cách tính theo chỉ tiêu cần chỉ tiêu từ 0 đến 1.")})


class IndexInput(models.Model):
    """Figures the system cannot know (published on the national portal on time, data
    shared...), entered per agency and month."""

    metric = models.ForeignKey(
        IndexMetric, models.CASCADE, related_name="inputs", verbose_name=_("chỉ số")
    )
    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="+", verbose_name=_("cơ quan, đơn vị")
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng, ví dụ 01/03/2025."))
    numerator = models.PositiveIntegerField(_("tử số"))
    denominator = models.PositiveIntegerField(_("mẫu số"))

    class Meta:
        verbose_name = _("số liệu chỉ số nhập tay")
        verbose_name_plural = _("số liệu chỉ số nhập tay")
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "agency", "month"], name="unique_index_input"
            ),
            models.CheckConstraint(
                condition=models.Q(numerator__lte=models.F("denominator")),
                name="index_input_ratio_at_most_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric.code} {self.agency} {self.month:%m/%Y}"

    def save(self, *args, **kwargs) -> None:
        self.month = date(self.month.year, self.month.month, 1)
        super().save(*args, **kwargs)
