"""The applicant's part of a dossier form, the same at the counter and on the portal."""

from django import forms

from motcua.catalog.eforms import DATE_INPUT
from motcua.catalog.models import ApplicantKind, Procedure

from .applicants import Applicant
from .errors import InvalidInput


class ApplicantForm(forms.Form):
    """Who applies: the fields of an `Applicant`, offering the kinds of applicant the
    procedure accepts (asked only when both may apply). `applicant()` gives the typed
    applicant; `check_applicant()`, called from `clean`, puts its checks on the fields."""

    applicant_kind = forms.ChoiceField(
        label="Người nộp là",
        choices=ApplicantKind.choices,
        initial=ApplicantKind.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn công dân hoặc tổ chức."},
    )
    applicant_name = forms.CharField(
        label="Họ và tên (hoặc tên tổ chức)",
        max_length=255,
        error_messages={"required": "Nhập họ tên người nộp hoặc tên tổ chức."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    applicant_id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD) hoặc mã số thuế",
        max_length=20,
        help_text="CCCD 12 chữ số; tổ chức: mã số thuế 10 chữ số.",
        error_messages={"required": "Nhập số định danh cá nhân hoặc mã số thuế."},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    applicant_birth_date = forms.DateField(
        label="Ngày sinh",
        required=False,
        help_text="Ngày/tháng/năm, ví dụ 12/08/1995.",
        input_formats=[DATE_INPUT],
        widget=forms.DateInput(format=DATE_INPUT, attrs={"autocomplete": "bday"}),
        error_messages={"invalid": "Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 12/08/1995."},
    )
    applicant_phone = forms.CharField(
        label="Số điện thoại",
        required=False,
        max_length=20,
        help_text="Để nhận tin nhắn và tra cứu hồ sơ.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    applicant_email = forms.CharField(
        label="Thư điện tử",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    applicant_address = forms.CharField(
        label="Địa chỉ",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["applicant_kind"]
        kinds = [(k, label) for k, label in ApplicantKind.choices if k in procedure.applicant_types]
        field.choices = kinds or ApplicantKind.choices
        field.initial = field.choices[0][0]
        if len(field.choices) == 1:  # only one kind may apply: no need to ask
            field.widget = forms.HiddenInput()

    def check_applicant(self) -> None:
        """Run the applicant's own checks so that one submit shows every mistake at once;
        a field that already has an error keeps it."""
        if not {"applicant_kind", "applicant_name", "applicant_id_number"} <= set(
            self.cleaned_data
        ):
            return
        try:
            self.applicant().validate()
        except InvalidInput as error:
            for field, message in error.errors.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, message)

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            kind=data["applicant_kind"],
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            phone=data.get("applicant_phone", ""),
            email=data.get("applicant_email", ""),
            address=data.get("applicant_address", ""),
            birth_date=data.get("applicant_birth_date"),
        )
