"""The office's forms: reception at the counter and one small form per lifecycle action.

Forms only turn what was typed into Python values; the lifecycle decides what is allowed
and valid, and its `InvalidInput` errors are put back on these fields (`put_errors`).
"""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from motcua.catalog.eforms import PREFIX, Declaration
from motcua.catalog.models import DocumentForm
from motcua.dossiers.forms import ApplicantForm
from motcua.dossiers.lifecycle import (
    agency_for,
    competent_agencies,
    missing_documents_message,
    missing_mandatory,
)
from motcua.dossiers.models import Delivery, EventKind
from motcua.org.models import Agency, RoleAssignment, in_force

DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def _required(message: str) -> dict:
    return {"required": message}


class MoneyField(forms.CharField):
    """An amount in đồng typed as Vietnamese write it: `75.000`, `75000`, `75.000 đ`."""

    def to_python(self, value) -> int | None:
        text = re.sub(r"[\s.đ]", "", super().to_python(value) or "", flags=re.IGNORECASE)
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError("Nhập số tiền bằng chữ số, ví dụ 75.000.")
        return int(text)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


def put_errors(form: forms.Form, errors: dict[str, str], aliases: dict | None = None) -> None:
    """Attach the lifecycle's field errors to the form's fields (others to the whole form)."""
    for key, message in errors.items():
        field = (aliases or {}).get(key, key)
        form.add_error(field if field in form.fields else None, message)


def agency_choices(agencies) -> list:
    """Agencies grouped by kind, in tree order, for a select with option groups."""
    groups: dict[str, list] = {}
    for agency in agencies.select_related("kind").order_by("path"):
        groups.setdefault(agency.kind.name, []).append((str(agency.pk), str(agency)))
    return list(groups.items())


def competent_agency(office: str, candidates) -> Agency | None:
    """The agency among `candidates` that the procedure names as handling it (its short
    name or name, e.g. "Phòng Tư pháp"); None when the procedure names none or no such
    agency is there (the receiving agency then handles it)."""
    office = office.strip().casefold()
    if not office:
        return None
    matches = [a for a in candidates if office in (a.short_name.casefold(), a.name.casefold())]
    return matches[0] if len(matches) == 1 else None


class ReceptionForm(Declaration, ApplicantForm):
    """A dossier received at the counter (or refused there, with the reason)."""

    agency = forms.ModelChoiceField(
        Agency.objects.none(),
        label="Nơi tiếp nhận",
        empty_label=None,
        error_messages=_required("Chọn nơi tiếp nhận."),
    )
    handling_agency = forms.ChoiceField(
        label="Cơ quan giải quyết",
        required=False,
        help_text="Để trống nếu chính nơi tiếp nhận giải quyết.",
    )
    documents = forms.MultipleChoiceField(
        label="Thành phần hồ sơ đã nhận",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sets = forms.IntegerField(
        label="Số bộ hồ sơ",
        initial=1,
        min_value=1,
        max_value=99,
        error_messages={
            "required": "Nhập số bộ hồ sơ.",
            "invalid": "Số bộ hồ sơ là một số nguyên.",
            "min_value": "Số bộ hồ sơ phải từ 1 đến 99.",
            "max_value": "Số bộ hồ sơ phải từ 1 đến 99.",
        },
    )
    fee_amount = MoneyField(label="Phí, lệ phí (đồng)", required=False)
    delivery = forms.ChoiceField(
        label="Nhận kết quả", choices=Delivery.choices, initial=Delivery.DESK
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    refuse_reason = forms.CharField(
        label="Lý do từ chối tiếp nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, procedure, version, agencies, refusing=False, **kwargs):
        super().__init__(*args, procedure=procedure, **kwargs)
        self.procedure = procedure
        self.refusing = refusing
        self.fields["agency"].queryset = agencies
        below = Agency.objects.none()
        for agency in agencies:
            below |= agency.subtree().exclude(pk=agency.pk)
        below = below.in_force()
        choices = below
        if procedure.boundary_free:  # any competent agency of the province (Decree 118/2025)
            for agency in agencies:
                choices |= competent_agencies(procedure, agency)
            self.fields["handling_agency"].help_text = (
                "Thủ tục tiếp nhận không phụ thuộc địa giới hành chính. Để trống: chuyển đến cơ"
                " quan có thẩm quyền nơi người nộp cư trú (theo địa chỉ)."
            )
        self.fields["handling_agency"].choices = [
            ("", "Theo nơi cư trú" if procedure.boundary_free else "Chính nơi tiếp nhận"),
            *agency_choices(choices.distinct()),
        ]
        competent = competent_agency(version.data.get("handling_office", ""), below)
        if competent is not None:
            self.fields["handling_agency"].initial = str(competent.pk)
        self.documents = version.data["documents"]
        self.fields["documents"].choices = [
            (str(i), d["name"]) for i, d in enumerate(self.documents, start=1)
        ]
        self.fields["fee_amount"].initial = procedure.fee_amount or 0
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0]
        # The declaration, typed by the desk from the paper form (the portal asks the same).
        self.add_declaration(version.data.get("form_fields", []))

    def clean_handling_agency(self) -> Agency | None:
        pk = self.cleaned_data["handling_agency"]
        return Agency.objects.get(pk=pk) if pk else None

    def clean(self):
        """Check the applicant and the documents here too, so that one submit shows every
        mistake at once (the lifecycle checks them again when it receives)."""
        data = super().clean()
        self.clean_declaration(data)
        if self.refusing:  # a refused application's declaration is not checked
            for name in [name for name in self.errors if name.startswith(PREFIX)]:
                del self.errors[name]
        self.check_applicant()
        missing = missing_mandatory(self.documents, data.get("documents", []))
        if missing and not self.refusing:
            self.add_error("documents", missing_documents_message(missing))
        return data

    def documents_received(self) -> list[int]:
        return sorted(int(i) for i in self.cleaned_data["documents"])

    def document_rows(self):
        """(checkbox, document, kind of copy) for the template: the box and what the law asks."""
        return [
            (box, document, DocumentForm(document["form"]).label)
            for box, document in zip(self["documents"], self.documents, strict=True)
        ]


# ---------------------------------------------------------------- actions on a dossier


class ActionForm(forms.Form):
    """Every action posts the version the user saw, so a concurrent change is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier


def _note(label="Ghi chú", required=False, rows=2, message="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_required(message) if message else None,
    )


def _holders(role: str, agency: Agency):
    """Active users who hold `role` at `agency` or above it."""
    parts = agency.path.strip("/").split("/")
    paths = ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]
    users = RoleAssignment.objects.filter(
        in_force(via="agency__"), role=role, agency__path__in=paths
    ).values("user")
    return (
        get_user_model()
        .objects.filter(pk__in=users, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class NoteForm(ActionForm):
    note = _note()


class ApproveForm(ActionForm):
    note = _note()
    signing_password = forms.CharField(
        label="Mật khẩu chứng thư số",
        required=False,
        widget=forms.PasswordInput,
        help_text="Chỉ cần khi chứng thư số của bạn hoặc của cơ quan yêu cầu nhập khi ký.",
    )


class ForwardForm(ActionForm):
    note = _note()
    assignee = _UserChoice(
        None, label="Giao cho", required=False, empty_label="Bất kỳ ai có vai trò"
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        following = (dossier.current_step or 0) + 1
        users = get_user_model().objects.none()
        if dossier.current_step is not None and following < len(dossier.steps):
            role = dossier.steps[following]["role"]
            users = _holders(role, agency_for(dossier, role))
        self.fields["assignee"].queryset = users


class AssignForm(ActionForm):
    assignee = _UserChoice(
        None, label="Giao cho", empty_label=None, error_messages=_required("Chọn người xử lý.")
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        users = get_user_model().objects.none()
        if dossier.current_role and dossier.current_agency_id:
            users = _holders(dossier.current_role, dossier.current_agency)
        self.fields["assignee"].queryset = users


class AcceptForm(ActionForm):
    handling_agency = forms.ChoiceField(label="Cơ quan giải quyết", required=False)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        agency = dossier.receiving_agency
        self.fields["handling_agency"].choices = [
            ("", "Chính nơi tiếp nhận"),
            *agency_choices(agency.subtree().in_force().exclude(pk=agency.pk)),
        ]

    def clean_handling_agency(self) -> Agency | None:
        pk = self.cleaned_data["handling_agency"]
        return Agency.objects.get(pk=pk) if pk else None


class SupplementReceivedForm(ActionForm):
    """The items asked for in the latest supplement request, each ticked as it is handed in;
    every one must be there before the clock runs again."""

    received = forms.MultipleChoiceField(
        label="Đã nhận các nội dung yêu cầu bổ sung",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = _note()

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        request = (
            dossier.events.filter(kind=EventKind.REQUEST_SUPPLEMENT).order_by("-sequence").first()
        )
        self.items = list((request.payload or {}).get("items") or []) if request else []
        self.fields["received"].choices = [(str(i), item) for i, item in enumerate(self.items)]
        if not self.items:
            del self.fields["received"]

    def clean_received(self) -> list[str]:
        ticked = {int(i) for i in self.cleaned_data["received"]}
        missing = [item for i, item in enumerate(self.items) if i not in ticked]
        if missing:
            raise forms.ValidationError("Chưa nhận: " + "; ".join(missing) + ".")
        return self.items


class SendBackForm(ActionForm):
    note = _note("Lý do chuyển lại", True, 3, "Ghi rõ lý do chuyển lại.")


class SupplementRequestForm(ActionForm):
    items = forms.CharField(
        label="Nội dung cần bổ sung",
        help_text="Mỗi dòng một nội dung; liệt kê đầy đủ một lần.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Liệt kê các nội dung cần bổ sung."),
    )
    note = _note("Hướng dẫn thêm")

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class ReasonForm(ActionForm):
    reason = _note("Lý do", True, 3, "Ghi rõ lý do.")


class RescheduleForm(ActionForm):
    reason = _note("Lý do chậm trễ", True, 3, "Ghi rõ lý do chậm trễ.")
    new_appointment = forms.DateTimeField(
        label="Hẹn trả kết quả mới",
        input_formats=[DATETIME_FORMAT],
        help_text="Ngày/tháng/năm giờ:phút, ví dụ 15/03/2025 14:00.",
        error_messages={
            "required": "Nhập ngày giờ hẹn mới.",
            "invalid": "Ngày giờ hẹn theo dạng ngày/tháng/năm giờ:phút, ví dụ 15/03/2025 14:00.",
        },
    )
