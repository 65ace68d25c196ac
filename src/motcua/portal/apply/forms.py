"""The application form: the applicant (from the profile), where to apply, how to get the
result, and the questions the procedure declares in the catalog (its `form_fields`)."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from motcua.catalog.form_fields import FieldKind
from motcua.catalog.models import OnlineLevel
from motcua.dossiers.forms import DATE_INPUT, ApplicantForm
from motcua.dossiers.models import Delivery

PREFIX = "field_"
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


class VietnameseNumberField(forms.CharField):
    """A number as Vietnamese write it: `1.500` (thousands) or `2,5` (decimals)."""

    def to_python(self, value):
        text = re.sub(r"[\s.]", "", super().to_python(value) or "").replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Nhập một số, ví dụ 1.500 hoặc 2,5.") from None
        if not number.is_finite():
            raise ValidationError("Nhập một số, ví dụ 1.500 hoặc 2,5.")
        return int(number) if number == number.to_integral_value() else float(number)


def _declared(spec: dict) -> forms.Field:
    """The form field for one declared question of the procedure."""
    common = {
        "label": spec["label"],
        "required": spec["required"],
        "help_text": spec.get("help", ""),
        "error_messages": {"required": f"Cần điền “{spec['label']}”."},
    }
    kind = spec["kind"]
    if kind == FieldKind.NUMBER:
        return VietnameseNumberField(
            **common, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
    if kind == FieldKind.DATE:
        common["error_messages"]["invalid"] = (
            "Viết ngày theo dạng ngày/tháng/năm, ví dụ 03/03/2025."
        )
        return forms.DateField(
            **common, input_formats=[DATE_INPUT], widget=forms.DateInput(format=DATE_INPUT)
        )
    if kind == FieldKind.CHOICE:
        common["error_messages"]["required"] = f"Chọn “{spec['label']}”."
        return forms.ChoiceField(
            **common, choices=[("", "— Chọn —"), *((c, c) for c in spec.get("choices", []))]
        )
    widget = forms.TextInput(attrs={"autocomplete": "street-address"} if kind == "address" else {})
    return forms.CharField(**common, max_length=500, widget=widget)


class ApplicationForm(ApplicantForm):
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
        super().__init__(*args, procedure=procedure, **kwargs)
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
        self.specs = fields
        for spec in fields:
            self.fields[PREFIX + spec["name"]] = _declared(spec)
        # The page's order, which the error summary follows: where to apply comes last.
        self.order_fields([name for name in self.fields if name not in ("agency", "delivery")])

    def questions(self):
        return [self[PREFIX + spec["name"]] for spec in self.specs]

    def clean(self):
        """Every mistake at once: a way to reach the applicant, then the applicant's checks."""
        data = super().clean()
        if not (data.get("applicant_phone") or data.get("applicant_email")):
            self.add_error(
                "applicant_phone", "Nhập số điện thoại hoặc thư điện tử để nhận thông báo."
            )
        self.check_applicant()
        return data

    def chosen_agency(self):
        return self.agencies[self.cleaned_data["agency"]]

    def answers(self) -> dict:
        """The declared questions' answers as JSON values (dates as yyyy-mm-dd)."""
        answers = {}
        for spec in self.specs:
            value = self.cleaned_data.get(PREFIX + spec["name"])
            if isinstance(value, date):
                value = value.isoformat()
            if value not in (None, ""):
                answers[spec["name"]] = value
        return answers


def keep_typed(form: ApplicationForm, draft) -> None:
    """Put what was typed, checked or not, into the draft (saved by the caller)."""
    data = form.data
    draft.applicant = {name: data.get(name, "") for name in APPLICANT_FIELDS}
    draft.form_data = {spec["name"]: data.get(PREFIX + spec["name"], "") for spec in form.specs}
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
