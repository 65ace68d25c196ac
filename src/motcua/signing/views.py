"""Staff pages for certificates: the list (subject, issuer, validity, expiry warnings), upload
a PKCS#12 file, register a PKCS#11 token, stop using one.

A staff member manages their own certificates, and those of the agencies where they are
agency administrator (and below them).
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from motcua.org.access import staff_only, visible_agencies
from motcua.org.models import Role

from .errors import SigningError
from .forms import Pkcs12Form, TokenForm
from .models import Backend, SignerConfig
from .services import register_signer


def _manageable(user):
    agencies = visible_agencies(user, Role.AGENCY_ADMIN)
    return SignerConfig.objects.filter(Q(user=user) | Q(agency__in=agencies)).select_related(
        "agency", "user"
    )


@staff_only
def certificates(request):
    configs = list(_manageable(request.user).order_by("-active", "valid_until", "pk"))
    return render(
        request,
        "signing/certificates.html",
        {
            "configs": configs,
            "warnings": [c for c in configs if c.active and (c.expired or c.expiring)],
        },
    )


@staff_only
def upload_pkcs12(request):
    return _register(request, Pkcs12Form, Backend.PKCS12, "Tải lên tệp chứng thư số")


@staff_only
def register_token(request):
    return _register(request, TokenForm, Backend.PKCS11, "Khai báo thiết bị ký số")


def _register(request, form_class, backend: str, title: str):
    form = form_class(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"secret_env": data["secret_env"], "signs_forms": data["signs_forms"]}
        if backend == Backend.PKCS12:
            fields |= {"pkcs12_content": data["file"], "secret": data["password"] or None}
        else:
            fields |= {
                "module_path": data["module_path"],
                "slot": data["slot"],
                "token_label": data["token_label"],
                "key_label": data["key_label"],
                "cert_label": data["cert_label"],
                "secret": data["pin"] or None,
            }
        try:
            config = register_signer(
                name=data["name"],
                backend=backend,
                created_by=request.user,
                **form.owner_fields(),
                **fields,
            )
        except SigningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã đăng ký chứng thư số “{config.subject}”.")
            return redirect("signing:certificates")
    status = 400 if request.method == "POST" else 200
    return render(request, "signing/register.html", {"form": form, "title": title}, status=status)


@staff_only
@require_POST
def deactivate(request, pk: int):
    config = get_object_or_404(_manageable(request.user), pk=pk)
    config.active = False
    config.save(update_fields=["active"])
    messages.success(request, f"Đã ngừng dùng “{config.name}”.")
    return redirect("signing:certificates")
