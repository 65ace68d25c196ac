"""The second-factor pages: verify after login, or enrol an authenticator app first."""

import segno
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token

from motcua.org.access import visible_agencies
from motcua.org.models import Role

from . import privacy, second_factor
from .forms import CodeForm
from .models import AccessRecord, AuditAnchor

WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn."


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/account/start/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/account/start/"


@login_required
def verify(request):
    if not second_factor.has_device(request.user):
        return redirect(f"{request.path}setup/?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    return render(request, "security/verify.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    """Enrol an authenticator app. Only an account with none may: replacing a device takes
    the old one (verified first) or an administrator."""
    user = request.user
    if second_factor.has_device(user) and not user.is_verified():
        return redirect(f"/account/second-factor/?next={_next(request)}")
    device = second_factor.enrol(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "security/recovery_codes.html", context)
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "next": _next(request),
        "secret": second_factor.secret_of(device),
        "qr": segno.make(device.config_url, error="m").svg_inline(scale=4),
    }
    return render(request, "security/setup.html", context)


def anchors(request):
    """The signed audit anchors, newest first, for anyone to keep a copy of."""
    rows = AuditAnchor.objects.order_by("-last_event_id")[:1000]
    return JsonResponse(
        {
            "anchors": [
                {
                    "day": row.day.isoformat(),
                    "first_event_id": row.first_event_id,
                    "last_event_id": row.last_event_id,
                    "event_count": row.event_count,
                    "dossier_count": row.dossier_count,
                    "prev_digest": row.prev_digest,
                    "digest": row.digest,
                    "signature": row.signature,
                    "certificate": row.certificate,
                    "timestamp": row.timestamp,
                }
                for row in rows
            ]
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@login_required
def my_data(request):
    """The citizen downloads everything the system holds on them (Law 91/2025/QH15 Art. 4)."""
    data = privacy.export_for(request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
    return response


@login_required
def access_log(request):
    """The data protection officer reads who opened which applicant's dossier or file, in
    the agencies where the role is held (and below)."""
    agencies = visible_agencies(request.user, Role.DATA_PROTECTION_OFFICER)
    if not agencies.exists():
        return render(request, "office/no_role.html", {"role": "dpo"}, status=403)
    records = AccessRecord.objects.filter(agency_id__in=agencies.values("pk"))
    code = request.GET.get("dossier", "").strip()[:64]
    if code:
        records = records.filter(dossier_code=code)
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "security/access_log.html", {"page": page, "code": code})
