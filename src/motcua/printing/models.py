"""Form templates: the body of each printed form is data an administrator can adjust."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _


class Paper(models.TextChoices):
    A5 = "A5", _("A5 dọc")
    A4 = "A4", _("A4 dọc")
    A4_LANDSCAPE = "A4 landscape", _("A4 ngang")


class FormTemplate(models.Model):
    """One form (Mẫu số 01 ... 06 of Circular 01/2018/TT-VPCP, or of a later set).

    `body` is Django template source rendered with the normal engine (so the `vn` filters
    are built in; `{% load printing %}` adds `vntime_words` and `vndate_words`). `code` is
    free text so that another set (`circular`, e.g. 03/2025/TT-VPCP) can sit beside the
    shipped one.
    """

    code = models.CharField(_("mã mẫu"), max_length=20, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=255)
    circular = models.CharField(
        _("bộ mẫu (văn bản quy định)"),
        max_length=60,
        default="01/2018/TT-VPCP",
        help_text=_("Văn bản ban hành bộ mẫu, ví dụ 01/2018/TT-VPCP."),
    )
    paper = models.CharField(_("khổ giấy"), max_length=20, choices=Paper.choices, default=Paper.A5)
    body = models.TextField(
        _("nội dung mẫu"),
        help_text=_(
            "Mẫu Django (HTML). Giữ dòng {% load printing %} để dùng bộ lọc ngày giờ; "
            "xem docs/decisions/0004-forms-as-data.md về các biến có sẵn."
        ),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu in")
        verbose_name_plural = _("mẫu in")
        ordering = ["circular", "code"]

    def __str__(self) -> str:
        return f"Mẫu số {self.code}: {self.name}"

    def clean(self) -> None:
        try:
            Template(self.body)
        except TemplateSyntaxError as error:
            raise ValidationError({"body": _("Mẫu có lỗi cú pháp: %s") % error}) from None
