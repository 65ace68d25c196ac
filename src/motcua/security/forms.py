from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục.",
        max_length=16,
        error_messages={"required": "Nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())
