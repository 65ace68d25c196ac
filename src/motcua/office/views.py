"""Staff pages: work queues, dossier search, the dossier workspace and its actions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from motcua.dossiers.errors import (
    ConflictError,
    DossierStateError,
    InvalidInput,
    LifecycleError,
    NotAllowed,
)
from motcua.dossiers.lifecycle import (
    allowed_actions,
    handover_actions,
    handover_counts,
    handovers_for,
)
from motcua.dossiers.queries import (
    QUEUES,
    queue_counts,
    search_dossiers,
    visible_dossiers,
    work_queue,
)
from motcua.org.access import staff_only, visible_agencies
from motcua.security.privacy import record_access
from motcua.signing.services import issued_result

from . import display
from .actions import ACTIONS, DANGER, HANDOVER, PRIMARY, SECONDARY
from .forms import put_errors

PAGE_SIZE = 50


_SEARCH_SESSION = "office_search"


def dossier_rows(dossiers, now):
    """Each dossier of a table with its time left to the legal deadline."""
    return [(d, display.time_left(d, d.due_at, now)) for d in dossiers]


@staff_only
def dashboard(request):
    now = timezone.now()
    counts = queue_counts(request.user, now)
    current = request.GET.get("queue")
    if current not in QUEUES:
        current = next((name for name in QUEUES if counts[name]), "handle")
    paginator = Paginator(work_queue(request.user, now, current), PAGE_SIZE)
    paginator.count = counts[current]  # already counted with the other queues
    page = paginator.get_page(request.GET.get("page"))
    tabs = [(name, display.QUEUE_LABELS[name], counts[name]) for name in QUEUES]
    return render(
        request,
        "office/dashboard.html",
        {
            "tabs": tabs,
            "current": current,
            "current_label": display.QUEUE_LABELS[current],
            "page": page,
            "rows": dossier_rows(page, now),
            "query": urlencode({"queue": current}) + "&",
            "book": _book_defaults(request.user, timezone.localdate(now)),
            # Reception regardless of boundary: Biểu 06 counts these dossiers at the
            # competent agency (docs/decisions/0121); the receiving desk sees them here.
            "handovers": handover_counts(request.user, now, _start_of_year(now)),
        },
    )


def _start_of_year(now):
    return timezone.localtime(now).replace(
        month=1, day=1, hour=0, minute=0, second=0, microsecond=0
    )


@staff_only
def handovers(request):
    """The paper originals the user's centres must send, and those they must receive."""
    now = timezone.now()
    lists = handovers_for(request.user, now)
    return render(
        request,
        "office/handovers.html",
        {
            "now": now,
            "lists": [
                ("Cần gửi đi", lists["send"], "Không có bản giấy nào cần gửi.", "Gửi đến"),
                ("Cần nhận", lists["receive"], "Không có bản giấy nào đang chờ nhận.", "Gửi từ"),
            ],
        },
    )


def _book_defaults(user, today) -> dict:
    """What the form that prints the tracking book (form 06) offers: the user's agencies
    (highest first) and this month so far."""
    agencies = sorted(visible_agencies(user).select_related("kind"), key=lambda a: a.path)
    return {"agencies": agencies, "from": today.replace(day=1), "to": today}


@staff_only
def search(request):
    """The query travels in a POST and waits in the session, never in a URL, so ID and
    phone numbers stay out of access logs; pages are plain `?page=N` links."""
    if request.method == "POST":
        query = request.POST.get("q", "").strip()[:200]
        exact = visible_dossiers(request.user).filter(code=query.upper()).first()
        if exact is not None:
            return redirect("office:dossier", code=exact.code)
        request.session[_SEARCH_SESSION] = query
        return redirect("office:search")
    query = request.session.get(_SEARCH_SESSION, "")
    results = search_dossiers(request.user, query)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "office/search.html",
        {"q": query, "page": page, "rows": dossier_rows(page, timezone.now()), "query": ""},
    )


def _visible_dossier(user, code: str):
    dossier = get_object_or_404(
        visible_dossiers(user).select_related(
            "procedure",
            "procedure_version",
            "receiving_agency",
            "handling_agency",
            "current_agency",
            "assignee",
            "handover__from_agency",
            "handover__to_agency",
            "handover__sent_by",
            "handover__received_by",
        ),
        code=code,
    )
    record_access(user, dossier)
    return dossier


@staff_only
def workspace(request, code: str):
    return render_workspace(request, _visible_dossier(request.user, code))


@staff_only
@require_POST
def act(request, code: str, action: str):
    """Run one lifecycle action; on failure show the workspace again with the reason."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("Không có thao tác này.")
    dossier = _visible_dossier(request.user, code)
    form = spec.form(request.POST, dossier=dossier, prefix=action)
    if not form.is_valid():
        return render_workspace(request, dossier, failed=form, status=400)
    try:
        spec.run(dossier, request.user, form.cleaned_data)
    except LifecycleError as error:
        status, message = _failure(error)
        if isinstance(error, InvalidInput):
            put_errors(form, error.errors, spec.aliases)
            message = ""
        dossier = _visible_dossier(request.user, code)
        return render_workspace(request, dossier, failed=form, error=message, status=status)
    messages.success(request, spec.done)
    return redirect("office:dossier", code=code)


def _failure(error: LifecycleError) -> tuple[int, str]:
    if isinstance(error, NotAllowed):
        return 403, error.message
    if isinstance(error, ConflictError | DossierStateError):
        return 409, error.message
    return 400, error.message


def render_workspace(request, dossier, *, failed=None, error: str = "", status: int = 200):
    """Everything about one dossier on one screen, with the actions the user may take now.

    `failed` is the bound form of an action that did not go through: it is shown again
    with what was typed, its errors and the dossier's current version.
    """
    now = timezone.now()
    events = list(dossier.events.order_by("sequence"))
    forms = []
    names = handover_actions(dossier, request.user) + allowed_actions(dossier, request.user)
    for name in names:
        spec = ACTIONS.get(name)
        if spec is None:
            continue
        if failed is not None and failed.prefix == name:
            form = failed
            data = form.data.copy()
            data[form.add_prefix("expected_version")] = dossier.version
            form.data = data
        else:
            form = spec.form(
                dossier=dossier, prefix=name, initial={"expected_version": dossier.version}
            )
        forms.append((spec, form))
    handover = getattr(dossier, "handover", None)
    links = display.print_links(dossier, {e.kind for e in events})
    errors = [("#actions", error)] if error else []
    if failed is not None:
        errors += [("#actions", message) for message in failed.non_field_errors()]
        errors += [
            (f"#{failed[field].auto_id}", message)
            for field, field_errors in failed.errors.items()
            if field != "__all__"
            for message in field_errors
        ]
    context = {
        "dossier": dossier,
        "documents": dossier.documents.all(),
        "pauses": dossier.pauses.all(),
        "timeline": display.timeline(events),
        "step": dossier.step,
        "step_role": display.role_name(dossier.current_role) if dossier.current_role else "",
        "overall_left": display.time_left(dossier, dossier.due_at, now),
        "step_left": display.time_left(dossier, dossier.step_due_at, now),
        "print_links": links,
        "receipt": next((link for link in links if link.form == "01"), None),
        "result": issued_result(dossier, events),
        "primary": [(s, f) for s, f in forms if s.group == PRIMARY],
        "secondary": [(s, f) for s, f in forms if s.group == SECONDARY],
        "handover_forms": [(s, f) for s, f in forms if s.group == HANDOVER],
        "danger": [(s, f) for s, f in forms if s.group == DANGER],
        "failed_name": failed.prefix if failed is not None else "",
        "errors": errors,
        "just_received": request.GET.get("received") == "1",
        "handover": handover,
        "handover_overdue": handover is not None and handover.overdue(now),
    }
    return render(request, "office/workspace.html", context, status=status)
