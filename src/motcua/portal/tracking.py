"""Tracking a dossier: by its code and the applicant's phone or ID number, or in the account.

Anyone holding the receipt can look a dossier up (the QR code on form 01 leads to
`/track/<code>/`) by proving the phone or ID number on it. A wrong guess and an unknown
code get the same answer; guesses are limited per client address and per code.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from motcua.dossiers import lifecycle, payments
from motcua.dossiers.applicants import normalise_phone
from motcua.dossiers.errors import LifecycleError
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    EventKind,
    FileKind,
    PaymentStatus,
    Status,
)
from motcua.signing.services import issued_result

from . import access, ratelimit
from .apply.uploads import clean_name, read_upload
from .downloads import result_available
from .payments import providers

# Failed look-ups allowed within ratelimit.WINDOW: on one code from one client, and from
# one client over all codes. No limit is per code alone: a stranger's guesses must never
# lock the real applicant out.
TRIES = 5
TRIES_PER_CLIENT = 20
_SESSION = "portal_tracked"
_REMEMBERED = 20
NOT_FOUND = (
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại hoặc số định danh đã nhập. "
    "Xin kiểm tra lại giấy tiếp nhận."
)
TOO_MANY = (
    "Ông/bà đã nhập sai quá nhiều lần. Vì an toàn thông tin, xin thử lại sau 15 phút "
    "hoặc liên hệ Bộ phận Một cửa."
)

# The kinds of event a citizen sees; the others are the office's internal work.
SHOWN = {
    EventKind.SUBMIT,
    EventKind.RECEIVE,
    EventKind.ACCEPT,
    EventKind.REFUSE_AT_RECEPTION,
    EventKind.FORWARD,
    EventKind.REQUEST_SUPPLEMENT,
    EventKind.RECEIVE_SUPPLEMENT,
    EventKind.APPROVE,
    EventKind.MARK_RESULT_READY,
    EventKind.RETURN_RESULT,
    EventKind.REFUSE,
    EventKind.WITHDRAW,
    EventKind.APOLOGISE_AND_RESCHEDULE,
    EventKind.ATTACH_FILE,
    EventKind.PAYMENT,
    EventKind.RATE,
}
# Kinds whose note is written for the applicant (reasons, guidance); other notes are
# staff's internal remarks and never leave the office.
NOTE_FOR_APPLICANT = {
    EventKind.REFUSE_AT_RECEPTION,
    EventKind.REQUEST_SUPPLEMENT,
    EventKind.REFUSE,
    EventKind.WITHDRAW,
    EventKind.APOLOGISE_AND_RESCHEDULE,
}


@dataclass
class Row:
    at: datetime
    label: str
    agency: str = ""
    note: str = ""
    items: list[str] = field(default_factory=list)
    count: int = 1


def _label(event: DossierEvent) -> str | None:
    """The event said for the citizen: its kind, and for a file or a payment which one."""
    if event.kind not in SHOWN:
        return None
    payload = event.payload or {}
    label = event.get_kind_display()
    if event.kind == EventKind.ATTACH_FILE and payload.get("kind") in FileKind.values:
        return f"{label}: {FileKind(payload['kind']).label}"
    if event.kind == EventKind.PAYMENT and payload.get("status") in PaymentStatus.values:
        return f"{label}: {PaymentStatus(payload['status']).label}"
    return label


def public_timeline(dossier: Dossier) -> list[Row]:
    """The dossier's public events said for the citizen; files added together are one row."""
    rows: list[Row] = []
    events = dossier.events.filter(public=True).select_related("agency").order_by("sequence")
    for event in events:
        label = _label(event)
        if label is None:
            continue
        if event.kind == EventKind.ATTACH_FILE and rows and rows[-1].label == label:
            rows[-1].count += 1
            continue
        payload = event.payload or {}
        rows.append(
            Row(
                at=event.at,
                label=label,
                agency=event.agency.name if event.agency else "",
                note=event.note if event.kind in NOTE_FOR_APPLICANT else "",
                items=list(payload.get("items") or []),
            )
        )
    return rows


class TrackForm(forms.Form):
    code = forms.CharField(
        label="Mã hồ sơ",
        max_length=64,
        help_text="In trên giấy tiếp nhận, ví dụ 000.21.21.H56-250303-0001.",
        error_messages={"required": "Nhập mã hồ sơ."},
    )
    secret = forms.CharField(
        label="Số điện thoại hoặc số định danh cá nhân (CCCD) của người nộp",
        max_length=20,
        error_messages={"required": "Nhập số điện thoại hoặc số định danh cá nhân."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


def _matching(code: str, secret: str) -> Dossier | None:
    secret = secret.strip()
    phone = normalise_phone(secret)
    condition = Q(applicant_id_number=secret) if secret else Q(pk__in=[])
    if phone:
        condition |= Q(applicant_phone=phone)
    return Dossier.objects.filter(condition, code=code).first()


def _remember(request, code: str) -> None:
    tracked = [c for c in request.session.get(_SESSION, []) if c != code]
    request.session[_SESSION] = [code, *tracked][:_REMEMBERED]


def _look_up(request, form: TrackForm, template: str, context: dict):
    """Check the code and the secret under the rate limit; open the dossier or say no."""
    code = form.cleaned_data["code"]
    client = ratelimit.client_ip(request)
    keys = [f"track-ip:{client}", f"track-ip-code:{client}:{code}"]
    if ratelimit.too_many(keys[1:], limit=TRIES) or ratelimit.too_many(
        keys[:1], limit=TRIES_PER_CLIENT
    ):
        form.add_error(None, TOO_MANY)
        return render(request, template, {**context, "form": form}, status=429)
    dossier = _matching(code, form.cleaned_data["secret"])
    if dossier is None:
        ratelimit.note(keys)
        form.add_error(None, NOT_FOUND)
        return render(request, template, {**context, "form": form}, status=404)
    _remember(request, dossier.code)
    return redirect("portal:track_dossier", code=dossier.code)


def track(request):
    """`/track/`: the look-up form."""
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _look_up(request, form, "portal/track/form.html", {})
    return render(request, "portal/track/form.html", {"form": form})


def track_dossier(request, code: str):
    """`/track/<code>/`: the dossier for its applicant or whoever proved the phone or ID
    number; otherwise the form asking for it (the code is already known)."""
    code = code.strip().upper()
    dossier = Dossier.objects.filter(code=code).first()
    owner = dossier is not None and access.is_applicant(request.user, dossier)
    if owner or (dossier is not None and code in request.session.get(_SESSION, [])):
        return _show(request, dossier, owner)
    form = TrackForm(request.POST or None, initial={"code": code})
    context = {"code": code}
    if request.method == "POST" and form.is_valid():
        return _look_up(request, form, "portal/track/form.html", context)
    return render(request, "portal/track/form.html", {**context, "form": form})


def _show(request, dossier: Dossier, owner: bool):
    request_event = (
        dossier.events.filter(kind=EventKind.REQUEST_SUPPLEMENT).order_by("-sequence").first()
        if dossier.status == Status.WAITING_SUPPLEMENT
        else None
    )
    context = {
        "dossier": dossier,
        "owner": owner,
        "timeline": public_timeline(dossier),
        "asked": request_event,
        "asked_items": (request_event.payload or {}).get("items", []) if request_event else [],
    }
    if owner:
        context |= _owner_context(dossier, request_event)
    return render(request, "portal/track/dossier.html", context)


def _owner_context(dossier: Dossier, request_event) -> dict:
    payments.expire_abandoned(dossier)
    files = dossier.files.select_related("blob").order_by("uploaded_at", "pk")
    supplements = files.filter(kind=FileKind.SUPPLEMENT)
    if request_event is not None:
        supplements = supplements.filter(uploaded_at__gte=request_event.at)
    return {
        "documents": files.filter(kind=FileKind.DOCUMENT),
        "supplements": supplements,
        "result": issued_result(dossier) if result_available(dossier) else None,
        "due": payments.amount_due(dossier),
        "can_pay": bool(providers()),
        # Money paid, refunded or on its way; not the attempts abandoned or cancelled.
        "payments": dossier.payments.filter(
            status__in=(PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.REFUNDED)
        ).order_by("-created_at"),
        "rating": getattr(dossier, "rating", None),
        "may_rate": dossier.status == Status.RETURNED,
    }


@login_required
@require_POST
def supplement(request, code: str):
    """The applicant uploads what was asked for; the desk then receives the supplement."""
    dossier = get_object_or_404(Dossier, code=code)
    if not access.is_applicant(request.user, dossier):
        raise Http404("Không có hồ sơ này trong tài khoản của ông/bà.")
    uploads = request.FILES.getlist("files")
    if not uploads:
        messages.error(request, "Chọn ít nhất một tệp để nộp bổ sung.")
    for upload in uploads:
        name = clean_name(upload.name)
        try:
            lifecycle.attach_file(
                dossier,
                actor=request.user,
                kind=FileKind.SUPPLEMENT,
                content=read_upload(upload, field="files"),
                name=name,
            )
        except LifecycleError as error:
            messages.error(request, f"{name}: {error.message}")
        else:
            messages.success(request, f"Đã nộp bổ sung tệp {name}.")
    return redirect("portal:track_dossier", code=dossier.code)
