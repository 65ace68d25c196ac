"""Rating the service after the result: reception, handling, result, and a comment."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput, LifecycleError
from motcua.dossiers.models import Dossier, Satisfaction

from . import access
from .summary import error_summary


def _score(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(value, name) for value, name in reversed(Satisfaction.choices)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Chọn mức độ hài lòng với {label.lower()}."},
    )


class RatingForm(forms.Form):
    reception = _score("Việc tiếp nhận hồ sơ")
    handling = _score("Việc giải quyết hồ sơ")
    result = _score("Kết quả nhận được")
    comment = forms.CharField(
        label="Góp ý",  # the field template adds "(không bắt buộc)"
        required=False,
        max_length=lifecycle.RATING_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
def rate(request, code: str):
    dossier = get_object_or_404(Dossier.objects.select_related("procedure"), code=code)
    if not access.is_applicant(request.user, dossier):
        raise Http404("Không có hồ sơ này trong tài khoản của ông/bà.")
    form = RatingForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.rate(dossier, actor=request.user, **form.cleaned_data)
        except InvalidInput as failure:
            for name, message in failure.errors.items():
                form.add_error(name if name in form.fields else None, message)
        except LifecycleError as failure:
            error = failure.message
        else:
            messages.success(request, "Cảm ơn ông/bà đã đánh giá. Ý kiến sẽ được tổng hợp.")
            return redirect("portal:track_dossier", code=dossier.code)
    errors = [("#rating", error)] if error else []
    errors += error_summary(form, "#rating")
    status = 409 if error else (400 if errors else 200)
    context = {"dossier": dossier, "form": form, "errors": errors}
    return render(request, "portal/rate/form.html", context, status=status)
