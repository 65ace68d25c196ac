"""The application form: the applicant (from the profile), where to apply, how to get the
result, and the questions the procedure declares in the catalog (its `form_fields`)."""

from django import forms

from motcua.catalog.eforms import PREFIX, Declaration
from motcua.catalog.models import OnlineLevel
from motcua.dossiers.forms import ApplicantForm
from motcua.dossiers.models import Delivery

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


class ApplicationForm(Declaration, ApplicantForm):
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
        self.add_declaration(fields)
        # The page's order, which the error summary follows: where to apply comes last.
        self.order_fields([name for name in self.fields if name not in ("agency", "delivery")])

    def clean(self):
        """Every mistake at once: a way to reach the applicant, then the applicant's checks."""
        data = super().clean()
        self.clean_declaration(data)
        if not (data.get("applicant_phone") or data.get("applicant_email")):
            self.add_error(
                "applicant_phone", "Nhập số điện thoại hoặc thư điện tử để nhận thông báo."
            )
        self.check_applicant()
        return data

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
