"""Rule sets: the law of the one-stop mechanism as data with a validity period.

A dossier is governed, for its whole life, by the rule set in force on the day it was
received (`motcua.rules.lookup`). Each parameter's legal source is in `sources` (a
parameter name mapped to the article it comes from, or "unverified: ..." where the text
could not be read). The shipped sets come from `data/rule_sets.toml`; an administrator adds
the next set in the admin, without a deploy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Counting(models.TextChoices):
    """Where a period of N working days ends (docs/decisions/0061)."""

    SAME_MOMENT = "same_moment", _("Cùng giờ phút tiếp nhận của ngày làm việc thứ N")
    END_OF_DAY = "end_of_day", _("Hết giờ làm việc của ngày làm việc thứ N (BLDS 2015 Đ.148)")


class ClockStart(models.TextChoices):
    """When the deadline of an online submission starts."""

    SUBMISSION = "submission", _("Từ khi nộp (ngoài giờ: từ phiên làm việc kế tiếp)")
    ACCEPTANCE = "acceptance", _("Từ khi Bộ phận Một cửa tiếp nhận")


class ClassifyOn(models.TextChoices):
    """Which moment classifies a resolved dossier early / on time / late."""

    READY = "ready", _("Thời điểm có kết quả")
    RETURNED = "returned", _("Thời điểm trả kết quả")


# Roles a rule set's form set fills; `forms` maps each to a `printing.FormTemplate` code.
FORM_ROLES = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Xin lỗi và hẹn lại / đề nghị gia hạn",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "control_slip": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "tracking_book": "Sổ theo dõi hồ sơ",
}

# The parameters whose source `sources` must give.
PARAMETERS = (
    "counting",
    "supplement_requests",
    "apologies",
    "apology_lead_days",
    "online_acceptance_hours",
    "online_clock",
    "classify_on",
    "dossier_code_format",
    "report_form",
)


class RuleSet(models.Model):
    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    decree = models.CharField(_("văn bản quy định"), max_length=255)
    forms_circular = models.CharField(_("thông tư ban hành biểu mẫu"), max_length=60)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    forms_valid_from = models.DateField(_("biểu mẫu áp dụng từ ngày"))

    counting = models.CharField(
        _("cách tính hạn ngày làm việc"), max_length=20, choices=Counting.choices
    )
    supplement_requests = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung tối đa"), default=1
    )
    apologies = models.PositiveSmallIntegerField(_("số lần xin lỗi, hẹn lại tối đa"), default=1)
    apology_lead_days = models.PositiveSmallIntegerField(
        _("xin lỗi chậm nhất trước hạn (ngày làm việc)"), default=1
    )
    online_acceptance_hours = models.PositiveSmallIntegerField(
        _("thời hạn tiếp nhận hồ sơ trực tuyến (giờ làm việc)"), default=8
    )
    # No legal time limit for handing paper originals from the receiving centre to the
    # competent agency was found in Decree 118/2025 (UNCONFIRMED, docs/decisions/0121);
    # Decree 61/2018 Art. 19 asked for the same day or the next working day's start.
    handover_working_days = models.PositiveSmallIntegerField(
        _("hạn bàn giao bản giấy hồ sơ giữa các trung tâm (ngày làm việc)"),
        default=1,
        help_text=_(
            "Hồ sơ tiếp nhận không phụ thuộc địa giới hành chính: bản giấy phải đến cơ quan"
            " giải quyết trong số ngày làm việc này kể từ khi tiếp nhận. Chưa xác minh được"
            " thời hạn trong Nghị định 118/2025/NĐ-CP; mặc định 1 ngày làm việc."
        ),
    )
    online_clock = models.CharField(
        _("hạn hồ sơ trực tuyến tính từ"), max_length=20, choices=ClockStart.choices
    )
    classify_on = models.CharField(
        _("phân loại trước/đúng/quá hạn theo"), max_length=20, choices=ClassifyOn.choices
    )
    dossier_code_format = models.CharField(
        _("cấu trúc mã hồ sơ"),
        max_length=100,
        help_text=_("Ví dụ {agency}-{date:%y%m%d}-{number:04d}."),
    )
    report_form = models.CharField(_("số hiệu biểu báo cáo"), max_length=60)
    report_circular = models.CharField(_("thông tư ban hành biểu báo cáo"), max_length=60)
    report_title = models.CharField(_("tên biểu báo cáo"), max_length=500)
    forms = models.JSONField(
        _("biểu mẫu"), default=dict, help_text=_("Vai trò của mẫu → mã mẫu in (printing).")
    )
    sources = models.JSONField(
        _("căn cứ pháp lý của từng tham số"),
        default=dict,
        help_text=_('Tên tham số → điều khoản; "unverified: ..." khi chưa đối chiếu được văn bản.'),
    )

    class Meta:
        verbose_name = _("bộ quy tắc")
        verbose_name_plural = _("bộ quy tắc")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y} - {self._to()})"

    def _to(self) -> str:
        return f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"

    def clean(self) -> None:
        errors = {}
        if self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        missing = [name for name in PARAMETERS if not str(self.sources.get(name, "")).strip()]
        if missing:
            errors["sources"] = _("Thiếu căn cứ pháp lý của: %s.") % ", ".join(missing)
        unknown = sorted(set(self.forms) - set(FORM_ROLES))
        if unknown:
            errors["forms"] = _("Vai trò mẫu không có: %s.") % ", ".join(unknown)
        overlapping = RuleSet.objects.exclude(pk=self.pk).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
        )
        if self.valid_to:
            overlapping = overlapping.filter(valid_from__lte=self.valid_to)
        if overlapping.exists():
            errors["valid_from"] = _("Thời gian áp dụng trùng với bộ quy tắc %s.") % (
                overlapping.first().name
            )
        if errors:
            raise ValidationError(errors)
