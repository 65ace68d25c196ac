"""The application form: the applicant (from the profile), where to apply, how to get the
result, and the questions the procedure declares in the catalog (its `form_fields`)."""

from django import forms

from motcua.catalog.eforms import DATE_INPUT, PREFIX, Declaration
from motcua.catalog.models import ApplicantType, OnlineLevel
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import ApplicantKind, Delivery

APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_birth_date",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
# A fully online procedure can send its result electronically; a partly online one cannot.
DELIVERIES = {
    OnlineLevel.FULL: (Delivery.ONLINE, Delivery.POST, Delivery.DESK),
    OnlineLevel.PARTIAL: (Delivery.DESK, Delivery.POST),
}


class ApplicationForm(Declaration, forms.Form):
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
        error_messages={"required": "Nhập họ và tên người nộp."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    applicant_id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD) hoặc mã số thuế",
        max_length=20,
        help_text="CCCD 12 chữ số; tổ chức: mã số thuế 10 chữ số.",
        error_messages={"required": "Nhập số định danh cá nhân."},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    applicant_birth_date = forms.DateField(
        label="Ngày sinh",
        required=False,
        help_text="Ví dụ: 12/08/1995.",
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
    agency = forms.ChoiceField(
        label="Nộp tới",
        help_text="Cơ quan tiếp nhận và trả kết quả.",
        error_messages={"required": "Chọn nơi nộp hồ sơ."},
    )
    delivery = forms.ChoiceField(
        label="Nhận kết quả",
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn cách nhận kết quả."},
    )

    def __init__(self, *args, procedure, fields: list[dict], agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["agency"].choices = [("", "— Chọn nơi nộp —")] + [
            (pk, str(a)) for pk, a in self.agencies.items()
        ]
        if len(self.agencies) == 1:
            self.fields["agency"].initial = next(iter(self.agencies))
        choices = dict(Delivery.choices)
        deliveries = DELIVERIES[procedure.online_level]
        self.fields["delivery"].choices = [(d, choices[d]) for d in deliveries]
        self.fields["delivery"].initial = deliveries[0]
        if set(procedure.applicant_types) != {ApplicantType.INDIVIDUAL, ApplicantType.ORGANISATION}:
            # Only one kind may apply: no need to ask.
            kind = (procedure.applicant_types or [ApplicantType.INDIVIDUAL])[0]
            self.fields["applicant_kind"].widget = forms.HiddenInput()
            self.fields["applicant_kind"].initial = kind
        self.add_declaration(fields)
        # The page's order, which the error summary follows: where to apply comes last.
        self.order_fields([name for name in self.fields if name not in ("agency", "delivery")])

    def clean(self):
        data = super().clean()
        self.clean_declaration(data)
        if self.errors:
            return data
        if not (data.get("applicant_phone") or data.get("applicant_email")):
            self.add_error(
                "applicant_phone", "Nhập số điện thoại hoặc thư điện tử để nhận thông báo."
            )
            return data
        try:
            self.applicant().validate()
        except InvalidInput as error:
            for field, message in error.errors.items():
                self.add_error(field if field in self.fields else None, message)
        return data

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            kind=data["applicant_kind"],
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
            address=data["applicant_address"],
            birth_date=data["applicant_birth_date"],
        )

    def chosen_agency(self):
        return self.agencies[self.cleaned_data["agency"]]


def keep_typed(form: ApplicationForm, draft) -> None:
    """Put what was typed, checked or not, into the draft (saved by the caller)."""
    data = form.data
    draft.applicant = {name: data.get(name, "") for name in APPLICANT_FIELDS}
    draft.form_data = {
        key.removeprefix(PREFIX): value for key, value in data.items() if key.startswith(PREFIX)
    }
    draft.agency = form.agencies.get(data.get("agency", ""))
    draft.delivery = data.get("delivery", "")


def typed(draft) -> dict:
    """The form data a draft holds (the inverse of `keep_typed`)."""
    return {
        **draft.applicant,
        "agency": str(draft.agency_id or ""),
        "delivery": draft.delivery,
        **{PREFIX + name: value for name, value in draft.form_data.items()},
    }
