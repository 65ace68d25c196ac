"""Forms of the citizen's account: register, one-time code, password reset, profile, login."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from motcua.catalog.eforms import DATE_INPUT
from motcua.dossiers.applicants import normalise_phone

_PHONE = re.compile(r"0\d{9}")
_ID_NUMBER = re.compile(r"\d{12}")


def normalise_contact(value: str) -> tuple[str, str]:
    """("email", "binh@example.vn") or ("phone", "0912345678"); ("", value) if neither.

    A contact is also the citizen's login name, so it is stored in this one spelling.
    """
    value = (value or "").strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return "", value
        return "email", value.lower()
    phone = normalise_phone(value)
    if _PHONE.fullmatch(phone):
        return "phone", phone
    return "", value


class ContactField(forms.CharField):
    """An email address or a Vietnamese mobile number, normalised."""

    def clean(self, value) -> str:
        value = super().clean(value)
        kind, contact = normalise_contact(value)
        if not kind:
            raise ValidationError(
                "Nhập thư điện tử (ví dụ binh@example.vn) hoặc số điện thoại 10 chữ số."
            )
        return contact


# Django's own messages for these are not all translated into Vietnamese.
_PASSWORD_MESSAGES = {
    "password_too_short": "Mật khẩu phải có ít nhất 8 ký tự.",
    "password_too_common": "Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm chữ số.",
    "password_too_similar": "Mật khẩu quá giống thông tin cá nhân.",
}


def _password_pair(form: forms.Form, user=None) -> None:
    first, second = form.cleaned_data.get("password1"), form.cleaned_data.get("password2")
    if first and second and first != second:
        form.add_error("password2", "Hai lần nhập mật khẩu không giống nhau.")
    elif first:
        try:
            validate_password(first, user)
        except ValidationError as error:
            for item in error.error_list:
                form.add_error("password1", _PASSWORD_MESSAGES.get(item.code, item.messages[0]))


class RegisterForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên",
        max_length=150,
        error_messages={"required": "Nhập họ và tên."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = ContactField(
        label="Thư điện tử hoặc số điện thoại",
        help_text="Mã xác thực được gửi tới đây; đây cũng là tên đăng nhập của ông/bà.",
        error_messages={"required": "Nhập thư điện tử hoặc số điện thoại."},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label="Mật khẩu",
        help_text="Ít nhất 8 ký tự, không dùng mật khẩu quá phổ biến.",
        error_messages={"required": "Nhập mật khẩu."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu",
        error_messages={"required": "Nhập lại mật khẩu."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_contact(self) -> str:
        contact = self.cleaned_data["contact"]
        taken = get_user_model().objects.filter(username=contact, is_active=True).exists()
        if taken:
            raise ValidationError(
                "Đã có tài khoản với thông tin này. Hãy đăng nhập, hoặc lấy lại mật khẩu."
            )
        return contact

    def clean(self):
        super().clean()
        _password_pair(self)
        return self.cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        help_text="6 chữ số trong thư điện tử hoặc tin nhắn vừa gửi.",
        max_length=6,
        error_messages={"required": "Nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not re.fullmatch(r"\d{6}", code):
            raise ValidationError("Mã xác thực gồm 6 chữ số.")
        return code


class ResetRequestForm(forms.Form):
    contact = ContactField(
        label="Thư điện tử hoặc số điện thoại đã đăng ký",
        error_messages={"required": "Nhập thư điện tử hoặc số điện thoại."},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class ResetConfirmForm(CodeForm):
    password1 = RegisterForm.base_fields["password1"]
    password2 = RegisterForm.base_fields["password2"]

    def clean(self):
        super().clean()
        _password_pair(self)
        return self.cleaned_data


class ProfileForm(forms.Form):
    full_name = RegisterForm.base_fields["full_name"]
    id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD)",
        help_text="12 chữ số.",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    birth_date = forms.DateField(
        label="Ngày sinh",
        help_text="Ví dụ: 12/08/1995.",
        required=False,
        input_formats=[DATE_INPUT],
        widget=forms.DateInput(format=DATE_INPUT, attrs={"autocomplete": "bday"}),
        error_messages={"invalid": "Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 12/08/1995."},
    )
    phone = forms.CharField(
        label="Số điện thoại",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="Địa chỉ thường trú",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip()
        if value and not _ID_NUMBER.fullmatch(value):
            raise ValidationError("Số định danh cá nhân (CCCD) gồm 12 chữ số.")
        return value

    def clean_phone(self) -> str:
        value = normalise_phone(self.cleaned_data["phone"])
        if value and not _PHONE.fullmatch(value):
            raise ValidationError("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")
        return value

    def clean_address(self) -> str:
        return " ".join(self.cleaned_data["address"].split())


class CitizenLoginForm(AuthenticationForm):
    """Django's login form, reading an email or a phone number in any usual spelling."""

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username", "")
        kind, contact = normalise_contact(username)
        return contact if kind else username.strip()
