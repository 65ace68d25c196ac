"""The portal's side of feedback (/feedback/): send a phản ánh, kiến nghị, and read the
answers published with the citizen's consent. Personal details are never shown."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from motcua.org.models import Agency

from . import feedback
from .forms import FeedbackForm
from .models import Channel, Feedback

RECEIVING_KINDS = ("district", "commune")


class PortalFeedbackForm(FeedbackForm):
    agency = forms.ModelChoiceField(
        label="Gửi tới",
        queryset=Agency.objects.in_force().filter(kind__code__in=RECEIVING_KINDS),
        empty_label=None,
    )
    field_order = ["agency", "kind"]


def answers(request):
    page = Paginator(feedback.published(), 20).get_page(request.GET.get("page"))
    return render(request, "reform/public/answers.html", {"page": page})


def answer(request, code: str):
    item = get_object_or_404(Feedback, code=code, published_at__isnull=False)
    return render(request, "reform/public/answer.html", {"item": item})


def send(request):
    form, errors = PortalFeedbackForm(), []
    if request.method == "POST":
        form = PortalFeedbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            item = feedback.receive(
                agency=data["agency"],
                channel=Channel.PORTAL,
                kind=data["kind"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                subject=data["subject"],
                content=data["content"],
                publish_consent=data["publish_consent"],
                at=timezone.now(),
            )
            return redirect("feedback:sent", code=item.code)
        errors = [
            (f"#id_{name}", message) for name, msgs in form.errors.items() for message in msgs
        ]
    return render(
        request,
        "reform/public/send.html",
        {"form": form, "errors": errors},
        status=400 if errors else 200,
    )


def sent(request, code: str):
    return render(request, "reform/public/sent.html", {"code": code})
