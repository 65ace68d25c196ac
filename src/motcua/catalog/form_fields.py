"""The fields of a procedure's declaration (tờ khai), declared as data.

An administrator lists what the declaration asks besides the applicant's identity: a text,
a number, a date, an ID number, a phone number, a choice among listed answers or an
address, required or not; grouped under section headings; shown only when another answer
says so (`show_if`); repeated for several people or things (`group`, e.g. family members);
filled in advance from the applicant (`prefill`). The portal and the counter build the same
form from them (`catalog.eforms`); the version snapshot keeps them with the procedure.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Procedure


class FieldKind(models.TextChoices):
    TEXT = "text", _("Chữ")
    LONG_TEXT = "long_text", _("Đoạn văn")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày (dd/mm/yyyy)")
    CHOICE = "choice", _("Chọn một trong danh sách")
    ADDRESS = "address", _("Địa chỉ")
    ID_NUMBER = "id_number", _("Số định danh cá nhân (12 chữ số)")
    PHONE = "phone", _("Số điện thoại")


class Prefill(models.TextChoices):
    """What a field may be filled with in advance: the applicant's own data."""

    NAME = "applicant_name", _("Họ tên người nộp")
    ID_NUMBER = "applicant_id_number", _("Số định danh người nộp")
    BIRTH_DATE = "applicant_birth_date", _("Ngày sinh người nộp")
    PHONE = "applicant_phone", _("Điện thoại người nộp")
    ADDRESS = "applicant_address", _("Địa chỉ người nộp")


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
    section = models.CharField(
        _("mục"), max_length=200, blank=True, help_text=_("Tiêu đề nhóm câu hỏi trên tờ khai.")
    )
    group = models.SlugField(
        _("nhóm lặp lại"),
        max_length=50,
        blank=True,
        help_text=_("Các trường cùng nhóm được khai nhiều lần (ví dụ: thành viên gia đình)."),
    )
    show_if = models.CharField(
        _("chỉ hỏi khi"),
        max_length=200,
        blank=True,
        help_text=_("mã_trường=giá trị: chỉ hỏi khi câu trả lời đó được chọn."),
    )
    prefill = models.CharField(_("điền sẵn từ"), max_length=30, blank=True, choices=Prefill.choices)
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
        if self.show_if and not self.show_if.split("=", 1)[0].strip():
            raise ValidationError({"show_if": _("Viết mã_trường=giá trị.")})
        if self.kind == FieldKind.CHOICE and not self.choice_list:
            raise ValidationError({"choices": _("Trường kiểu chọn cần ít nhất một lựa chọn.")})
        if self.kind != FieldKind.CHOICE and self.choice_list:
            raise ValidationError({"choices": _("Chỉ trường kiểu chọn mới có các lựa chọn.")})
