"""Paying a dossier's fee online: start, the gateway's return and IPN, the receipt, and the
local test gateway's own page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from motcua.dossiers import payments
from motcua.dossiers.errors import LifecycleError
from motcua.dossiers.models import Dossier, Payment, PaymentStatus

from .. import access
from ..ratelimit import client_ip
from . import callbacks, get_provider, providers
from .base import SignatureError
from .testgateway import LocalGateway
from .words import in_words


def _own_dossier(request, code: str) -> Dossier:
    dossier = get_object_or_404(Dossier.objects.select_related("procedure"), code=code)
    if not access.is_applicant(request.user, dossier):
        raise Http404("Không có hồ sơ này trong tài khoản của ông/bà.")
    return dossier


@login_required
def pay(request, code: str):
    """What is due and the gateways; posting goes to the chosen gateway's page."""
    dossier = _own_dossier(request, code)
    payments.expire_abandoned(dossier)
    available = providers()
    due = payments.amount_due(dossier)
    error = ""
    if request.method == "POST":
        provider = available.get(request.POST.get("provider", ""))
        if provider is None:
            error = "Chọn một cổng thanh toán."
        else:
            try:
                payment = payments.start_payment(
                    dossier, provider=provider.name, expires_in=provider.timeout
                )
            except LifecycleError as failure:
                error = failure.message
            else:
                return_url = request.build_absolute_uri(
                    reverse("portal:pay_return", args=[provider.name])
                )
                return redirect(
                    provider.create_payment_url(
                        payment,
                        return_url=return_url,
                        client_ip=client_ip(request),
                        description=f"Thanh toán phí, lệ phí hồ sơ {dossier.code}",
                    )
                )
    context = {
        "dossier": dossier,
        "due": due,
        "providers": list(available.values()),
        "payments": dossier.payments.order_by("-created_at"),
        "error": error,
    }
    return render(request, "portal/pay/pay.html", context, status=400 if error else 200)


@require_GET
def gateway_return(request, provider: str):
    """The browser comes back from the gateway: check the signature, settle, show."""
    gateway = get_provider(provider)
    if gateway is None:
        raise Http404("Cổng thanh toán này không được dùng.")
    try:
        payment = callbacks.on_return(gateway, request.GET.dict())
    except (SignatureError, payments.PaymentNotFound, payments.AmountMismatch):
        return render(request, "portal/pay/invalid.html", status=400)
    return render(
        request, "portal/pay/result.html", {"payment": payment, "dossier": payment.dossier}
    )


@require_GET
def gateway_ipn(request, provider: str):
    """The gateway tells the server the result directly (VNPAY calls it with GET)."""
    gateway = get_provider(provider)
    if gateway is None:
        raise Http404("Cổng thanh toán này không được dùng.")
    return JsonResponse(callbacks.ipn_answer(gateway, request.GET.dict()))


@login_required
def receipt(request, reference: str):
    """The receipt (biên lai) of a paid fee, for the applicant and the agency's staff."""
    payment = get_object_or_404(
        Payment.objects.select_related(
            "dossier", "dossier__procedure", "dossier__receiving_agency"
        ),
        reference=reference,
        status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED),
    )
    if not access.may_see(request.user, payment.dossier):
        raise Http404("Không có biên lai này.")
    gateway = get_provider(payment.provider)
    context = {
        "payment": payment,
        "dossier": payment.dossier,
        "in_words": in_words(payment.amount),
        "gateway": gateway.label if gateway else payment.provider,
    }
    return render(request, "portal/pay/receipt.html", context)


def test_gateway(request):
    """The local gateway's page: check the signed request, then pay or cancel."""
    gateway = get_provider("test")
    if not isinstance(gateway, LocalGateway):
        raise Http404("Cổng thanh toán thử nghiệm không được bật.")
    params = (request.POST if request.method == "POST" else request.GET).dict()
    choice = params.pop("choice", "")
    params.pop("csrfmiddlewaretoken", None)
    try:
        gateway.verify(params)
    except SignatureError:
        return render(request, "portal/pay/test_gateway.html", {"invalid": True}, status=400)
    if gateway.expired(params):
        return render(request, "portal/pay/test_gateway.html", {"expired": True}, status=400)
    if request.method == "POST" and choice in ("pay", "cancel"):
        answer = gateway.answer(params, pay=choice == "pay")
        callbacks.ipn_answer(gateway, answer)
        return redirect(f"{params['vnp_ReturnUrl']}?{gateway.signed_query(answer)}")
    context = {
        "params": params,
        "amount": int(params.get("vnp_Amount", "0")) // 100,
        "order": params.get("vnp_OrderInfo", ""),
    }
    return render(request, "portal/pay/test_gateway.html", context)
