"""Reception at the counter: choose the procedure, then receive (or refuse) the dossier."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from motcua.catalog.models import Procedure
from motcua.catalog.search import search_procedures
from motcua.catalog.services import current_version
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.org.access import acting_agencies, staff_only
from motcua.org.models import Role
from motcua.ui.templatetags.vn import vndatetime

from .forms import ReceptionForm, put_errors


def _receiving_agencies(user):
    return acting_agencies(user, Role.RECEIVER).in_force()


@staff_only
def choose_procedure(request):
    """Step 1: find the procedure (accent-insensitive), among those the user's desks receive."""
    agencies = _receiving_agencies(request.user)
    if not agencies.exists():
        return render(request, "office/no_role.html", {"role": "receiver"}, status=403)
    query = request.GET.get("q", "").strip()
    procedures = Procedure.objects.filter(
        Q(boundary_free=True)
        | Q(pk__in=Procedure.objects.filter(agency_kinds__in=agencies.values("kind")).values("pk")),
        active=True,
    ).select_related("field")
    procedures = (
        search_procedures(query, procedures)
        if query
        else procedures.order_by("field__sort_key", "sort_key", "code")
    )
    page = Paginator(procedures, 30).get_page(request.GET.get("page"))
    # Typing in the search box asks (with htmx) for the list alone.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "office/_procedures.html" if partial else "office/reception_choose.html"
    response = render(request, template, {"q": query, "page": page})
    patch_vary_headers(response, ("HX-Request",))
    return response


@staff_only
def receive(request, code: str):
    """Step 2: the reception form. "Tiếp nhận" receives; "Từ chối tiếp nhận" refuses."""
    procedure = get_object_or_404(Procedure, code=code, active=True)
    agencies = _receiving_agencies(request.user).order_by("path")
    if not procedure.boundary_free:  # else any centre of the province receives it
        agencies = agencies.filter(kind__in=procedure.agency_kinds.all())
    if not agencies.exists():
        return render(
            request, "office/no_role.html", {"role": "receiver", "procedure": procedure}, status=403
        )
    version = current_version(procedure)
    refusing = "refuse" in request.POST
    data = request.POST if request.method == "POST" else None
    form = ReceptionForm(
        data, procedure=procedure, version=version, agencies=agencies, refusing=refusing
    )
    if "add_row" in request.POST:  # one more row of a repeatable group, nothing checked
        initial = request.POST.dict() | {"add_row": request.POST["add_row"]}
        form = ReceptionForm(
            procedure=procedure, version=version, agencies=agencies, initial=initial
        )
    elif form.is_bound and form.is_valid():
        try:
            dossier = _receive_or_refuse(request.user, procedure, form, refusing)
        except InvalidInput as error:
            aliases = {"note": "refuse_reason" if refusing else "note", "channel": "delivery"}
            put_errors(form, error.errors, aliases)
        except NotAllowed as error:
            form.add_error("agency", error.message)
        else:
            return _received(request, dossier, refusing)
    missing = form.errors.get("documents") if not refusing else None
    if missing:
        _suggest_refusal(form, missing[0])
    errors = [
        (f"#{_anchor(form, field)}", message)
        for field, messages_ in form.errors.items()
        for message in messages_
    ]
    return render(
        request,
        "office/reception_form.html",
        {
            "procedure": procedure,
            "version": version,
            "form": form,
            "errors": errors,
            "open_refusal": refusing or bool(missing),
        },
        status=400 if form.errors else 200,
    )


def _received(request, dossier, refusing: bool):
    if refusing:
        messages.success(request, f"Đã ghi nhận từ chối tiếp nhận hồ sơ {dossier.code}.")
        return redirect("office:dossier", code=dossier.code)
    messages.success(
        request,
        f"Đã tiếp nhận hồ sơ {dossier.code}. "
        f"Hẹn trả kết quả: {vndatetime(dossier.appointment_at)}.",
    )
    return redirect(reverse("office:dossier", args=[dossier.code]) + "?received=1")


def _receive_or_refuse(user, procedure, form: ReceptionForm, refusing: bool):
    data = form.cleaned_data
    if refusing:
        return lifecycle.refuse_at_reception(
            actor=user,
            procedure=procedure,
            agency=data["agency"],
            applicant=form.applicant(),
            reason=data["refuse_reason"],
            documents_received=form.documents_received(),
        )
    return lifecycle.receive(
        actor=user,
        procedure=procedure,
        agency=data["agency"],
        handling_agency=data["handling_agency"],
        applicant=form.applicant(),
        documents_received=form.documents_received(),
        delivery=data["delivery"],
        sets=data["sets"],
        fee_amount=data["fee_amount"],
        form_data=form.answers(),
        note=data["note"],
    )


def _suggest_refusal(form: ReceptionForm, missing: str) -> None:
    """Prefill the refusal reason with what is missing, unless one was typed."""
    if form.data.get("refuse_reason", "").strip():
        return
    data = form.data.copy()
    data["refuse_reason"] = f"Hồ sơ chưa đủ thành phần theo quy định. {missing}"
    form.data = data


def _anchor(form: ReceptionForm, field: str) -> str:
    """The id of the element an error links to (the first box of a group)."""
    if field == "__all__":
        return "reception"
    bound = form[field]
    if field in ("documents", "applicant_kind"):
        return f"{bound.auto_id}_0"
    return bound.auto_id
