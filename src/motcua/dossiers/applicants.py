"""Who applies: an individual (citizen ID) or an organisation (tax code), validated."""

import re
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from motcua.catalog.models import ApplicantKind

from .errors import InvalidInput

# Citizen identity card: 12 digits (older ID cards: 9). Tax codes: 10 digits, or 10-3 for
# a branch. Phones: 10 digits starting with 0, or +84 followed by 9 digits.
_ID_NUMBER = re.compile(r"\d{12}|\d{9}")
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
_PHONE = re.compile(r"0\d{9}")


def normalise_phone(phone: str) -> str:
    """`+84 912 345 678` → `0912345678`."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits


@dataclass
class Applicant:
    kind: str  # an ApplicantKind
    name: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    birth_date: date | None = None

    def validate(self) -> None:
        """Normalise and check every field; raise InvalidInput naming each bad one."""
        errors = {}
        self.name = " ".join((self.name or "").split())
        self.id_number = (self.id_number or "").strip()
        self.phone = normalise_phone(self.phone)
        self.email = (self.email or "").strip()
        self.address = " ".join((self.address or "").split())
        if self.kind not in ApplicantKind.values:
            errors["applicant_kind"] = "Chọn công dân hoặc tổ chức."
        if not self.name:
            errors["applicant_name"] = "Nhập họ tên người nộp hoặc tên tổ chức."
        if self.kind == ApplicantKind.ORGANISATION:
            if not _TAX_CODE.fullmatch(self.id_number):
                errors["applicant_id_number"] = (
                    "Mã số thuế gồm 10 chữ số (chi nhánh: 10 chữ số, dấu gạch và 3 chữ số)."
                )
        elif not _ID_NUMBER.fullmatch(self.id_number):
            errors["applicant_id_number"] = "Số định danh cá nhân (CCCD) gồm 12 chữ số."
        if self.phone and not _PHONE.fullmatch(self.phone):
            errors["applicant_phone"] = "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."
        if self.email:
            try:
                validate_email(self.email)
            except ValidationError:
                errors["applicant_email"] = "Địa chỉ thư điện tử không hợp lệ."
        if self.birth_date and self.birth_date > date.today():
            errors["applicant_birth_date"] = "Ngày sinh không thể ở tương lai."
        if errors:
            raise InvalidInput(errors)

    def as_fields(self) -> dict:
        """The Dossier model's applicant_* fields."""
        return {f"applicant_{key}": value for key, value in asdict(self).items()}
