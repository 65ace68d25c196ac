"""The year page's form: add, change or remove one day (messages in Vietnamese)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import FIRST_YEAR, horizon_year


class CalendarDayForm(forms.Form):
    ACTION_SAVE = "save"
    ACTION_REMOVE = "remove"

    date = forms.DateField(
        label=_("Ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Hãy nhập ngày."),
            "invalid": _("Ngày không hợp lệ; nhập theo dạng 03/02/2025."),
        },
    )
    is_working = forms.TypedChoiceField(
        label=_("Loại ngày"),
        choices=[("0", _("Ngày nghỉ (lễ, Tết, nghỉ bù)")), ("1", _("Ngày làm việc bù"))],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
        initial="0",
        error_messages={
            "invalid_choice": _("Loại ngày không hợp lệ."),
        },
    )
    name = forms.CharField(
        label=_("Tên"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Tên dài tối đa %(limit_value)d ký tự.")},
    )
    source = forms.CharField(
        label=_("Căn cứ (văn bản)"),
        max_length=400,
        required=False,
        error_messages={"max_length": _("Căn cứ dài tối đa %(limit_value)d ký tự.")},
    )
    action = forms.ChoiceField(
        choices=[(ACTION_SAVE, _("Lưu")), (ACTION_REMOVE, _("Xóa"))],
        required=False,
        error_messages={"invalid_choice": _("Thao tác không hợp lệ.")},
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not FIRST_YEAR <= day.year <= horizon_year():
            raise forms.ValidationError(
                _("Ngày phải nằm trong các năm %(first)d–%(last)d."),
                params={"first": FIRST_YEAR, "last": horizon_year()},
            )
        return day

    def clean_action(self):
        return self.cleaned_data.get("action") or self.ACTION_SAVE

    def clean(self):
        data = super().clean()
        if data.get("action") == self.ACTION_SAVE and not (data.get("name") or "").strip():
            self.add_error("name", _("Hãy nhập tên ngày, ví dụ: Tết Dương lịch."))
        return data
