"""Forms of the e-office pages: they turn what was typed into values; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from motcua.org.models import Agency, Role, RoleAssignment

from .models import (
    Channel,
    Confidentiality,
    DocumentType,
    IncomingDocument,
    OutgoingDocument,
    OutgoingStatus,
    Peer,
    SignatureForm,
    Urgency,
)

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]
MAX_UPLOAD = 30 * 1024 * 1024


def _required(message):
    return {"required": message}


class IncomingForm(forms.Form):
    channel = forms.ChoiceField(
        label="Hình thức nhận",
        choices=[(Channel.EMAIL, Channel.EMAIL.label), (Channel.PAPER, Channel.PAPER.label)],
        widget=forms.RadioSelect,
        initial=Channel.EMAIL,
    )
    file = forms.FileField(
        label="Tệp văn bản (PDF nhận được, hoặc bản quét của bản giấy)",
        error_messages=_required("Chọn tệp PDF của văn bản."),
    )
    sender_name = forms.CharField(
        label="Cơ quan ban hành", max_length=255, error_messages=_required("Nhập cơ quan ban hành.")
    )
    symbol = forms.CharField(
        label="Số, ký hiệu",
        max_length=60,
        help_text="Ví dụ: 125/UBND-VP",
        error_messages=_required("Nhập số, ký hiệu của văn bản."),
    )
    issued_on = forms.DateField(
        label="Ngày văn bản",
        input_formats=DATE_INPUT,
        help_text="dd/mm/yyyy",
        error_messages={
            "required": "Nhập ngày của văn bản.",
            "invalid": "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/03/2026.",
        },
    )
    document_type = forms.ModelChoiceField(
        label="Loại văn bản", queryset=DocumentType.objects.all(), required=False
    )
    title = forms.CharField(
        label="Trích yếu nội dung",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required("Nhập trích yếu nội dung."),
    )
    signer = forms.CharField(label="Người ký", max_length=200, required=False)
    urgency = forms.ChoiceField(label="Độ khẩn", choices=Urgency.choices, initial=Urgency.NORMAL)
    confidentiality = forms.ChoiceField(
        label="Độ mật", choices=Confidentiality.choices, initial=Confidentiality.NORMAL
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 30 MB.")
        return upload


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(
        label="Đơn vị chủ trì",
        queryset=Agency.objects.none(),
        error_messages=_required("Chọn đơn vị chủ trì."),
    )
    cooperating = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.IntegerField(
        label="Thời hạn xử lý (ngày làm việc)",
        min_value=1,
        max_value=60,
        initial=5,
        error_messages={
            "required": "Nhập số ngày làm việc.",
            "min_value": "Thời hạn ít nhất 1 ngày làm việc.",
            "max_value": "Thời hạn tối đa 60 ngày làm việc.",
        },
    )
    note = forms.CharField(
        label="Ý kiến chỉ đạo", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, document: IncomingDocument, **kwargs):
        super().__init__(*args, **kwargs)
        units = Agency.objects.in_force().filter(path__startswith=document.agency.path).exclude(
            pk=document.agency_id
        )
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating"].queryset = units


class OpinionForm(forms.Form):
    text = forms.CharField(
        label="Ý kiến, kết quả xử lý",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Nhập nội dung ý kiến."),
    )


class CloseForm(forms.Form):
    answer = forms.ModelChoiceField(
        label="Văn bản trả lời (đã phát hành)",
        queryset=OutgoingDocument.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label="Kết quả xử lý",
        required=False,
        help_text="Khi không có văn bản trả lời, ví dụ: đã triển khai, lưu hồ sơ.",
    )

    def __init__(self, *args, document: IncomingDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].queryset = OutgoingDocument.objects.filter(
            agency__path__startswith=document.agency.path, status=OutgoingStatus.RELEASED
        ).order_by("-released_at")[:50]


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def signers_of(agency: Agency):
    """Users who may sign for `agency` (role held at it or above)."""
    paths = [agency.path[: i + 1] for i, ch in enumerate(agency.path) if ch == "/"]
    ids = RoleAssignment.objects.filter(role=Role.DOC_SIGNER, agency__path__in=paths).values(
        "user_id"
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("first_name")


def receiving_agencies():
    """Agencies a document can be sent to electronically: those with a clerk here, or
    served by another installation (a `Peer`)."""
    clerks = RoleAssignment.objects.filter(role=Role.CLERK).values("agency_id")
    peers = Peer.objects.filter(active=True).values("code")
    return Agency.objects.in_force().filter(Q(pk__in=clerks) | Q(code__in=peers))


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        title = getattr(getattr(user, "staff_profile", None), "title", "")
        return f"{user.get_full_name() or user.get_username()}{f' — {title}' if title else ''}"


class DraftForm(forms.ModelForm):
    signer = UserChoice(
        label="Người ký",
        queryset=get_user_model().objects.none(),
        error_messages=_required("Chọn người ký."),
    )

    class Meta:
        model = OutgoingDocument
        fields = [
            "document_type",
            "title",
            "body",
            "signature_form",
            "authority",
            "signer",
            "signer_title",
            "recipients_text",
            "recipient_agencies",
            "recipient_emails",
            "urgency",
            "confidentiality",
            "unit_abbreviation",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "recipients_text": forms.Textarea(attrs={"rows": 4}),
            "recipient_emails": forms.Textarea(attrs={"rows": 2}),
            "recipient_agencies": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": _required("Nhập trích yếu nội dung."),
            "body": _required("Nhập nội dung văn bản."),
            "signer_title": _required("Nhập chức vụ người ký, ví dụ: PHÓ CHỦ TỊCH."),
            "document_type": _required("Chọn loại văn bản."),
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signers_of(agency)
        self.fields["recipient_agencies"].queryset = receiving_agencies().exclude(pk=agency.pk)
        self.fields["recipient_agencies"].required = False
        self.fields["signature_form"].choices = SignatureForm.choices

    def clean_recipient_emails(self):
        value = self.cleaned_data["recipient_emails"]
        field = forms.EmailField()
        for address in value.split():
            try:
                field.clean(address)
            except forms.ValidationError:
                raise forms.ValidationError(f"Địa chỉ thư không hợp lệ: {address}") from None
        return "\n".join(value.split())
