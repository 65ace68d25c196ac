"""The fields of a procedure's online form (tờ khai trực tuyến), declared as data.

An administrator lists what the online application asks besides the applicant's identity:
a text, a number, a date, a choice among listed answers or an address, required or not.
The portal builds its form from them; the version snapshot keeps them with the procedure.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Procedure


class FieldKind(models.TextChoices):
    TEXT = "text", _("Chữ")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày (dd/mm/yyyy)")
    CHOICE = "choice", _("Chọn một trong danh sách")
    ADDRESS = "address", _("Địa chỉ")


class FormField(models.Model):
    """One question of a procedure's online form."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="form_fields")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.SlugField(
        _("mã trường"),
        max_length=50,
        help_text=_("Chữ thường không dấu, ví dụ: ngay_dang_ky. Dùng để lưu câu trả lời."),
    )
    label = models.CharField(_("nhãn"), max_length=200)
    kind = models.CharField(_("kiểu"), max_length=10, choices=FieldKind.choices)
    required = models.BooleanField(_("bắt buộc"), default=True)
    choices = models.TextField(
        _("các lựa chọn"), blank=True, help_text=_("Mỗi dòng một lựa chọn (cho kiểu chọn).")
    )
    help = models.CharField(_("hướng dẫn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("trường của tờ khai trực tuyến")
        verbose_name_plural = _("tờ khai trực tuyến")
        ordering = ["procedure", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "name"], name="unique_form_field_name")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.kind == FieldKind.CHOICE and not self.choice_list:
            raise ValidationError({"choices": _("Trường kiểu chọn cần ít nhất một lựa chọn.")})
        if self.kind != FieldKind.CHOICE and self.choice_list:
            raise ValidationError({"choices": _("Chỉ trường kiểu chọn mới có các lựa chọn.")})
