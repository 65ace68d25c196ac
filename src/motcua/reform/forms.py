"""Forms of the reform pages: labels, limits and Vietnamese messages."""

from django import forms

from motcua.org.models import Agency

from .models import Channel, FeedbackKind, Topic


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    note = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label="Tệp minh chứng", required=False, help_text="PDF, JPEG hoặc PNG."
    )


class CriteriaImportForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2015, max_value=2100)
    file = forms.FileField(
        label="Bảng tính XLSX",
        help_text="Cột: Mã, Tiêu chí, Điểm tối đa, Số liệu hệ thống (để trống nếu chấm tay).",
    )


class FeedbackForm(forms.Form):
    """What a citizen (or the desk, for them) writes."""

    kind = forms.ChoiceField(
        label="Loại", choices=FeedbackKind.choices, widget=forms.RadioSelect, initial="report"
    )
    name = forms.CharField(label="Họ và tên", max_length=200)
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    subject = forms.CharField(label="Tiêu đề", max_length=300)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}))
    publish_consent = forms.BooleanField(
        label="Tôi đồng ý công khai nội dung và kết quả trả lời (không công khai thông tin cá nhân)",
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error(
                "phone", "Hãy để lại điện thoại, thư điện tử hoặc địa chỉ để nhận trả lời."
            )
        return data


class DeskFeedbackForm(FeedbackForm):
    channel = forms.ChoiceField(
        label="Hình thức tiếp nhận",
        choices=[c for c in Channel.choices if c[0] != Channel.PORTAL],
    )
    field_order = ["channel"]


class AssignForm(forms.Form):
    topic = forms.ChoiceField(label="Phân loại", choices=Topic.choices)
    handler = forms.ModelChoiceField(label="Đơn vị xử lý", queryset=Agency.objects.none())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = agencies


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Kết quả xử lý, trả lời", widget=forms.Textarea(attrs={"rows": 5})
    )


class RateForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label="Mức độ hài lòng của người phản ánh",
        coerce=int,
        choices=[(3, "Rất hài lòng"), (2, "Hài lòng"), (1, "Không hài lòng")],
        widget=forms.RadioSelect,
    )
