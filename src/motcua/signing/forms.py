"""Forms of the certificate pages and of the public verify page."""

import re

from django import forms
from django.conf import settings

from motcua.org.access import visible_agencies
from motcua.org.models import Agency, Role

from . import conf

PERSONAL = "me"
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _required(message: str) -> dict:
    return {"required": message}


def _secret(label: str, what: str) -> forms.CharField:
    """A password or PIN typed once to read the certificate, never stored."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput,
        help_text=f"Chỉ dùng một lần để đọc chứng thư số{what}; không được lưu lại.",
    )


class SignerForm(forms.Form):
    """What every signer configuration has: whose it is, a name, and how it is unlocked."""

    owner = forms.ChoiceField(
        label="Chứng thư số của",
        error_messages=_required("Chọn cá nhân hoặc cơ quan sở hữu chứng thư số."),
    )
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=200,
        help_text="Ví dụ: Chứng thư số UBND xã Tân Lập (Ban Cơ yếu Chính phủ).",
        error_messages=_required("Đặt một tên gợi nhớ cho chứng thư số."),
    )
    secret_env = forms.CharField(
        label="Biến môi trường chứa mật khẩu / mã PIN trên máy chủ",
        max_length=100,
        required=False,
        help_text="Để trống nếu người ký nhập mật khẩu mỗi lần ký. Ví dụ: MOTCUA_PIN_TANLAP.",
    )
    signs_forms = forms.BooleanField(
        label="Dùng để ký số các phiếu 01-05 của Bộ phận Một cửa (chỉ chứng thư của cơ quan)",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        admin_of = visible_agencies(user, Role.AGENCY_ADMIN).order_by("path")
        self.fields["owner"].choices = [
            (PERSONAL, "Cá nhân tôi"),
            *[(str(agency.pk), str(agency)) for agency in admin_of],
        ]

    def clean_secret_env(self) -> str:
        value = self.cleaned_data["secret_env"].strip()
        if value and not _ENV_NAME.match(value):
            raise forms.ValidationError(
                "Tên biến môi trường chỉ gồm chữ in hoa, chữ số và dấu gạch dưới, ví dụ MOTCUA_PIN."
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("signs_forms") and data.get("owner") == PERSONAL:
            self.add_error("signs_forms", "Chỉ chứng thư số của cơ quan mới ký các phiếu.")
        return data

    def owner_fields(self) -> dict:
        """`{"agency": ...}` or `{"user": ...}` for `register_signer`."""
        value = self.cleaned_data["owner"]
        if value == PERSONAL:
            return {"user": self.user}
        return {"agency": Agency.objects.get(pk=value)}


class Pkcs12Form(SignerForm):
    file = forms.FileField(
        label="Tệp chứng thư số (.p12, .pfx)",
        error_messages=_required("Chọn tệp chứng thư số .p12 hoặc .pfx."),
    )
    password = _secret("Mật khẩu của tệp", "")
    field_order = ["owner", "name", "file", "password", "secret_env", "signs_forms"]

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
            raise forms.ValidationError("Tệp quá lớn để là một chứng thư số.")
        return upload.read()


class TokenForm(SignerForm):
    module_path = forms.ChoiceField(
        label="Thư viện PKCS#11 của thiết bị",
        help_text="Quản trị máy chủ khai báo các thư viện được phép trong MOTCUA_PKCS11_MODULES.",
    )
    slot = forms.IntegerField(
        label="Khe (slot)",
        required=False,
        min_value=0,
        help_text="Để trống: tìm theo nhãn thiết bị.",
        error_messages={"invalid": "Khe là một số nguyên.", "min_value": "Khe không âm."},
    )
    token_label = forms.CharField(
        label="Nhãn thiết bị (token)",
        max_length=100,
        error_messages=_required("Nhập nhãn của thiết bị ký số."),
    )
    key_label = forms.CharField(
        label="Nhãn khóa bí mật",
        max_length=100,
        error_messages=_required("Nhập nhãn của khóa ký trên thiết bị."),
    )
    cert_label = forms.CharField(
        label="Nhãn chứng thư số",
        max_length=100,
        required=False,
        help_text="Để trống nếu trùng nhãn khóa.",
    )
    pin = _secret("Mã PIN", " trên thiết bị")
    field_order = [
        "owner",
        "name",
        "module_path",
        "slot",
        "token_label",
        "key_label",
        "cert_label",
        "pin",
        "secret_env",
        "signs_forms",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module_path"].choices = [(path, path) for path in conf.pkcs11_modules()]


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF cần kiểm tra",
        error_messages=_required("Chọn tệp PDF cần kiểm tra."),
    )
    code = forms.CharField(label="Mã hồ sơ (nếu có)", max_length=64, required=False)

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
            limit = settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Tệp lớn hơn {limit} MB, hãy chọn tệp nhỏ hơn.")
        content = upload.read()
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError("Tệp không phải PDF.")
        return content
