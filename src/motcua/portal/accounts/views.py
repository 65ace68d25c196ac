"""Account pages: register → verify by one-time code → profile; reset a forgotten password.

A new account stays inactive (it cannot log in) until its one-time code is entered, so a
contact nobody proved to own never becomes a login. Whoever proves it takes the account,
but only an account the portal itself created and nobody ever verified: registration never
touches an existing account, so a deactivated citizen or staff member stays deactivated.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.dossiers.models import Dossier
from motcua.org.access import visible_agencies
from motcua.org.models import RoleAssignment

from .. import ratelimit
from ..models import CitizenProfile, CodePurpose
from . import codes
from .forms import (
    CitizenLoginForm,
    CodeForm,
    ProfileForm,
    RegisterForm,
    ResetConfirmForm,
    ResetRequestForm,
    normalise_contact,
)

# Codes sent per account and per client address in an hour: enough for honest retries,
# too few to use the portal for sending SMS to strangers.
SENDS_PER_HOUR = 5
SENDS_PER_HOUR_PER_IP = 20
HOUR = timedelta(hours=1)
TOO_MANY_SENDS = "Đã gửi quá nhiều mã trong một giờ. Xin thử lại sau."
ACCOUNT_EXISTS = "Đã có tài khoản với thông tin này. Hãy đăng nhập, hoặc lấy lại mật khẩu."
_VERIFY_SESSION = "portal_verify_user"
_RESET_SESSION = "portal_reset_contact"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def profile_of(user) -> CitizenProfile:
    profile, _ = CitizenProfile.objects.get_or_create(user=user)
    return profile


def _send_keys(request, contact: str) -> list[str]:
    return [f"code-send:{contact}", f"code-send-ip:{ratelimit.client_ip(request)}"]


def _may_send(request, contact: str) -> bool:
    keys = _send_keys(request, contact)
    return not (
        ratelimit.too_many(keys[:1], limit=SENDS_PER_HOUR, window=HOUR)
        or ratelimit.too_many(keys[1:], limit=SENDS_PER_HOUR_PER_IP, window=HOUR)
    )


def _send(request, user, purpose: str, contact: str) -> None:
    kind, _ = normalise_contact(contact)
    codes.issue(
        user,
        purpose,
        to_email=contact if kind == "email" else "",
        to_phone=contact if kind == "phone" else "",
    )
    ratelimit.note(_send_keys(request, contact))


def _too_many_sends(request, template: str, form):
    form.add_error(None, TOO_MANY_SENDS)
    return render(request, template, {"form": form}, status=429)


class CitizenLoginView(LoginView):
    """One login page for staff and citizens (an email or phone number in any spelling),
    with the national identity provider's button when it is configured."""

    template_name = "portal/login.html"
    authentication_form = CitizenLoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_label"] = settings.MOTCUA_OIDC_LABEL if settings.MOTCUA_OIDC else ""
        return context


@login_required
def start(request):
    """Where a login without `next` lands: staff at their work queues, citizens at their
    dossiers."""
    if visible_agencies(request.user).exists():
        return redirect("office:dashboard")
    return redirect("portal:my_dossiers")


def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        if not _may_send(request, contact):
            return _too_many_sends(request, "portal/account/register.html", form)
        kind, _ = normalise_contact(contact)
        with transaction.atomic():
            user = _pending_registration(contact, lock=True)
            if user is None:
                if get_user_model().objects.filter(username=contact).exists():
                    form.add_error("contact", ACCOUNT_EXISTS)
                    return render(request, "portal/account/register.html", {"form": form})
                user = get_user_model().objects.create(username=contact, is_active=False)
            user.first_name = form.cleaned_data["full_name"]
            user.email = contact if kind == "email" else ""
            user.set_password(form.cleaned_data["password1"])
            user.save()
            profile = profile_of(user)
            if kind == "phone":
                profile.phone = contact
                profile.save()
            _send(request, user, CodePurpose.VERIFY, contact)
        request.session[_VERIFY_SESSION] = user.pk
        return redirect("portal:verify")
    return render(request, "portal/account/register.html", {"form": form})


def _pending_registrations():
    """Accounts the portal created that nobody has verified yet: inactive, never logged in,
    with an unverified citizen profile, no staff flag and no role anywhere."""
    return get_user_model().objects.filter(
        ~Exists(RoleAssignment.objects.filter(user=OuterRef("pk"))),
        is_active=False,
        is_staff=False,
        is_superuser=False,
        last_login__isnull=True,
        citizen_profile__isnull=False,
        citizen_profile__verified_at__isnull=True,
    )


def _pending_registration(contact: str, *, lock: bool = False):
    users = _pending_registrations().filter(username=contact)
    return (users.select_for_update(of=("self",)) if lock else users).first()


def _pending_user(request):
    pk = request.session.get(_VERIFY_SESSION)
    return _pending_registrations().filter(pk=pk).first() if pk else None


def verify(request):
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Không có tài khoản nào đang chờ xác thực. Hãy đăng ký.")
        return redirect("portal:register")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = codes.check(user, CodePurpose.VERIFY, form.cleaned_data["code"])
        if result.ok:
            with transaction.atomic():
                user.is_active = True
                user.save(update_fields=["is_active"])
                profile = profile_of(user)
                profile.verified_at = timezone.now()
                profile.save(update_fields=["verified_at"])
            del request.session[_VERIFY_SESSION]
            login(request, user, backend=_BACKEND)
            messages.success(
                request,
                "Tài khoản đã được xác thực. Hãy bổ sung thông tin cá nhân để dùng lại "
                "khi nộp hồ sơ.",
            )
            return redirect("portal:profile")
        form.add_error("code", result.message)
    return render(request, "portal/account/verify.html", {"form": form, "contact": user.username})


@require_POST
def resend(request):
    user = _pending_user(request)
    if user is None:
        return redirect("portal:register")
    if not _may_send(request, user.username):
        context = {"form": CodeForm(), "contact": user.username, "too_many": TOO_MANY_SENDS}
        return render(request, "portal/account/verify.html", context, status=429)
    _send(request, user, CodePurpose.VERIFY, user.username)
    messages.success(request, "Đã gửi mã xác thực mới.")
    return redirect("portal:verify")


def password_reset(request):
    """Ask for a code. The answer is the same whether or not the account exists."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        if not _may_send(request, contact):
            return _too_many_sends(request, "portal/account/reset.html", form)
        user = get_user_model().objects.filter(username=contact, is_active=True).first()
        if user is not None:
            _send(request, user, CodePurpose.RESET, contact)
        else:
            ratelimit.note(_send_keys(request, contact))
        request.session[_RESET_SESSION] = contact
        messages.info(
            request,
            "Nếu thông tin này đã đăng ký tài khoản, mã xác thực đã được gửi tới đó.",
        )
        return redirect("portal:password_reset_confirm")
    return render(request, "portal/account/reset.html", {"form": form})


def password_reset_confirm(request):
    contact = request.session.get(_RESET_SESSION)
    if not contact:
        return redirect("portal:password_reset")
    form = ResetConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(username=contact, is_active=True).first()
        result = (
            codes.check(user, CodePurpose.RESET, form.cleaned_data["code"])
            if user
            else codes.Check(False, "Mã xác thực không đúng.")
        )
        if result.ok:
            user.set_password(form.cleaned_data["password1"])
            user.save(update_fields=["password"])
            del request.session[_RESET_SESSION]
            messages.success(request, "Đã đặt mật khẩu mới. Hãy đăng nhập.")
            return redirect("portal:login")
        form.add_error("code", result.message)
    return render(request, "portal/account/reset_confirm.html", {"form": form, "contact": contact})


@login_required
def profile(request):
    user = request.user
    citizen = profile_of(user)
    initial = {
        "full_name": user.first_name,
        "id_number": citizen.id_number,
        "birth_date": citizen.birth_date,
        "phone": citizen.phone,
        "email": user.email,
        "address": citizen.address,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user.first_name = data["full_name"]
        user.email = data["email"]
        user.save(update_fields=["first_name", "email"])
        for name in ("id_number", "birth_date", "phone", "address"):
            setattr(citizen, name, data[name])
        citizen.save()
        messages.success(request, "Đã lưu thông tin cá nhân.")
        return redirect("portal:profile")
    return render(request, "portal/account/profile.html", {"form": form, "profile": citizen})


@login_required
def my_dossiers(request):
    dossiers = (
        Dossier.objects.filter(applicant_user=request.user)
        .select_related("procedure", "receiving_agency")
        .order_by("-submitted_at", "-pk")
    )
    drafts = request.user.drafts.select_related("procedure")
    return render(request, "portal/account/dossiers.html", {"dossiers": dossiers, "drafts": drafts})
