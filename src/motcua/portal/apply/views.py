"""Applying online, one task per page: details → documents → review and submit.

Every page saves the draft first, so what was typed or uploaded survives a failed step,
another device, or a closed browser. The dossier is created only at submission, through
`lifecycle.submit` and `lifecycle.attach_file` in one transaction.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from motcua.catalog.eforms import answer_rows, initial_values
from motcua.catalog.models import DocumentForm, OnlineLevel, Procedure
from motcua.catalog.search import search_procedures
from motcua.catalog.services import current_version
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput, LifecycleError
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Blob, FileKind
from motcua.interop.identity import refuse_below_level
from motcua.interop.population import enabled as population_enabled
from motcua.interop.population import state_held
from motcua.org.models import Agency
from motcua.printing.declaration import declaration_pdf
from motcua.store import services as store

from ..accounts.views import profile_of
from ..drafts import over_quota
from ..models import ApplicationDraft
from ..summary import error_summary
from .forms import ApplicationForm, keep_typed, typed
from .uploads import pages_name, reuse_entry, serve, store_pages

QUOTA_FULL = (
    "Các hồ sơ nháp của ông/bà đã dùng hết dung lượng cho phép. Hãy nộp hoặc xóa bớt hồ sơ "
    "nháp, hoặc chọn tệp nhỏ hơn."
)

ONLINE = (OnlineLevel.FULL, OnlineLevel.PARTIAL)


def choose(request):
    """The procedures that can be applied for online, searchable without accents."""
    q = request.GET.get("q", "").strip()
    procedures = Procedure.objects.filter(active=True, online_level__in=ONLINE).select_related(
        "field"
    )
    procedures = (
        search_procedures(q, procedures)
        if q
        else procedures.order_by("field__sort_key", "sort_key", "code")
    )
    page = Paginator(procedures, 25).get_page(request.GET.get("page"))
    return render(request, "portal/apply/choose.html", {"q": q, "page": page})


def _procedure(code: str) -> Procedure:
    return get_object_or_404(
        Procedure.objects.select_related("field"),
        code=code,
        active=True,
        online_level__in=ONLINE,
    )


def _form(procedure, version, data=None, initial=None) -> ApplicationForm:
    agencies = Agency.objects.in_force().filter(kind__in=procedure.agency_kinds.all())
    return ApplicationForm(
        data,
        initial=initial,
        procedure=procedure,
        fields=version.data.get("form_fields", []),
        agencies=agencies.order_by("path"),
    )


def _from_profile(user) -> dict:
    profile = profile_of(user)
    return {
        "applicant_name": user.get_full_name(),
        "applicant_id_number": profile.id_number,
        "applicant_birth_date": profile.birth_date,
        "applicant_phone": profile.phone,
        "applicant_email": user.email,
        "applicant_address": profile.address,
    }


def _draft(user, procedure) -> ApplicationDraft | None:
    return ApplicationDraft.objects.filter(user=user, procedure=procedure).first()


def _render_details(request, procedure, form, status=200):
    context = {
        "procedure": procedure,
        "form": form,
        "errors": error_summary(form, "#details"),
        "population": population_enabled(),
    }
    return render(request, "portal/apply/details.html", context, status=status)


@login_required
def details(request, code: str):
    """Step 1: who applies, where, how the result comes back, and the declared questions."""
    procedure = _procedure(code)
    if refused := refuse_below_level(request, procedure):
        return refused
    version = current_version(procedure)
    draft = _draft(request.user, procedure)
    if request.method == "POST":
        form = _form(procedure, version, data=request.POST)
        draft = draft or ApplicationDraft(user=request.user, procedure=procedure)
        keep_typed(form, draft)
        draft.save()
        if "add_row" in request.POST:  # one more row of a repeatable group, nothing checked
            initial = typed(draft) | {"add_row": request.POST["add_row"]}
            return _render_details(request, procedure, _form(procedure, version, initial=initial))
        if form.is_valid():
            return redirect("portal:apply_documents", code=code)
        return _render_details(request, procedure, form, status=400)
    if draft:
        initial = typed(draft)
    else:
        initial = _from_profile(request.user)
        initial |= initial_values(version.data.get("form_fields", []), {}, initial)
    return _render_details(request, procedure, _form(procedure, version, initial=initial))


def _rows(version, draft, failures: dict, offered: dict | None = None) -> list[dict]:
    forms = dict(DocumentForm.choices)
    held = state_held(version.data["documents"], draft.user, draft.procedure)
    offered = offered or {}
    return [
        {
            "order": i,
            "document": document,
            "form": forms.get(document["form"], ""),
            "file": draft.files.get(str(i)),
            "error": failures.get(i, ""),
            "state_held": i in held,
            "offer": offered.get(i),
            "declared": i == _declaration_order(version),
        }
        for i, document in enumerate(version.data["documents"], start=1)
    ]


def _declaration_order(version) -> int | None:
    """The required document the e-form produces (the declaration), if the procedure says."""
    return (version.data.get("declaration") or {}).get("document")


def _missing(version, draft) -> list[str]:
    documents = version.data["documents"]
    held = state_held(documents, draft.user, draft.procedure)
    declared = _declaration_order(version)
    present = {*map(int, draft.files), *held, *([declared] if declared else [])}
    return lifecycle.missing_mandatory(documents, present)


@login_required
def documents(request, code: str):
    """Step 2: one file per document. Each good file is kept at once, whatever else fails."""
    procedure = _procedure(code)
    version = current_version(procedure)
    draft = _draft(request.user, procedure)
    if draft is None:
        return redirect("portal:apply", code=code)
    failures: dict[int, str] = {}
    missing: list[str] = []
    offered = store.offers(request.user, version.data["documents"])
    if request.method == "POST":
        removed = request.POST.get("remove", "")
        for i, document in enumerate(version.data["documents"], start=1):
            if i == _declaration_order(version):
                continue
            uploads = request.FILES.getlist(f"doc-{i}")
            if not uploads:
                if request.POST.get(f"reuse-{i}") and i in offered:
                    draft.files[str(i)] = reuse_entry(offered[i])
                continue
            replacing = (draft.files[str(i)]["sha256"],) if str(i) in draft.files else ()
            size = sum(upload.size for upload in uploads)
            if over_quota(request.user, extra=size, replacing=replacing):
                failures[i] = f"{document['name']}: {QUOTA_FULL}"
                continue
            try:
                blob = store_pages(uploads, field=f"doc-{i}")
            except InvalidInput as error:
                failures[i] = f"{document['name']}: {error.errors[f'doc-{i}']}"
                continue
            draft.files[str(i)] = {"sha256": blob.sha256, "name": pages_name(uploads)}
        if removed in draft.files:
            del draft.files[removed]
        draft.save()
        missing = _missing(version, draft)
        if not failures and not removed and not missing:
            return redirect("portal:apply_review", code=code)
        if not failures and removed:
            return redirect("portal:apply_documents", code=code)
    errors = [(f"#doc-{i}", message) for i, message in failures.items()]
    errors += [("#documents", f"Chưa tải lên: {name}.") for name in missing]
    context = {
        "procedure": procedure,
        "rows": _rows(version, draft, failures, offered),
        "errors": errors,
        "limit_mb": _limit_mb(),
    }
    return render(request, "portal/apply/documents.html", context, status=400 if errors else 200)


def _limit_mb() -> str:
    return f"{settings.MOTCUA_UPLOAD_MAX_BYTES / (1024 * 1024):g}".replace(".", ",")


@login_required
def draft_file(request, code: str, sha256: str):
    """A file of the user's own draft, to check what was uploaded."""
    draft = _draft(request.user, _procedure(code))
    entry = next(
        (f for f in (draft.files.values() if draft else []) if f["sha256"] == sha256), None
    )
    if entry is None:
        raise Http404("Không có tệp này trong hồ sơ nháp.")
    return serve(get_object_or_404(Blob, sha256=sha256), entry["name"])


@login_required
def review(request, code: str):
    """Step 3: everything on one page; submitting creates the dossier."""
    procedure = _procedure(code)
    if refused := refuse_below_level(request, procedure):
        return refused
    version = current_version(procedure)
    draft = _draft(request.user, procedure)
    if draft is None:
        return redirect("portal:apply", code=code)
    form = _form(procedure, version, data=typed(draft))
    if not form.is_valid():
        return _render_details(request, procedure, form, status=400)
    if _missing(version, draft):
        return redirect("portal:apply_documents", code=code)
    error = ""
    if request.method == "POST":
        try:
            dossier = _submit(request.user, procedure, form, draft)
        except LifecycleError as failure:
            error = failure.message
        else:
            messages.success(
                request,
                f"Đã nộp hồ sơ. Mã hồ sơ của ông/bà là {dossier.code}. "
                "Bộ phận Một cửa sẽ kiểm tra và tiếp nhận.",
            )
            return redirect("portal:track_dossier", code=dossier.code)
    context = {
        "procedure": procedure,
        "form": form,
        "answers": answer_rows(version.data.get("form_fields", []), form.answers()),
        "rows": _rows(version, draft, {}),
        "agency": form.chosen_agency(),
        "delivery": dict(form.fields["delivery"].choices)[form.cleaned_data["delivery"]],
        "errors": [("#submit", error)] if error else [],
    }
    return render(request, "portal/apply/review.html", context, status=409 if error else 200)


@transaction.atomic
def _submit(user, procedure, form, draft):
    """Create the dossier and attach each uploaded document; all or nothing."""
    version = current_version(procedure)
    declared = _declaration_order(version)
    orders = sorted({int(order) for order in draft.files} | ({declared} if declared else set()))
    held = state_held(version.data["documents"], user, procedure)
    dossier = lifecycle.submit(
        applicant_user=user,
        procedure=procedure,
        agency=form.chosen_agency(),
        applicant=form.applicant(),
        documents_received=sorted({*orders, *held}),
        form_data=form.answers(),
        delivery=form.cleaned_data["delivery"],
    )
    if declared:
        # The declaration is the e-form itself: printed from the answers, not uploaded.
        lifecycle.attach_file(
            dossier,
            actor=user,
            kind=FileKind.DOCUMENT,
            content=declaration_pdf(version.data, dossier=dossier),
            name=f"to-khai-{dossier.code}.pdf",
            document_order=declared,
        )
    for order in orders:
        if order == declared:
            continue
        entry = draft.files[str(order)]
        if entry.get("stored"):
            stored = store.documents_of(user).get(pk=entry["stored"])
            store.reuse(dossier, actor=user, stored=stored, document_order=order)
            continue
        lifecycle.attach_file(
            dossier,
            actor=user,
            kind=FileKind.DOCUMENT,
            content=read_blob(Blob.objects.get(sha256=entry["sha256"])),
            name=entry["name"],
            document_order=order,
        )
    draft.delete()
    return dossier
