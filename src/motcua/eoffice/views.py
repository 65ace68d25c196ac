"""E-office pages for staff, the exchange API for other installations, and the file link
e-mailed to outside recipients."""

import json
from datetime import date
from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.org.access import may, visible_agencies
from motcua.org.models import Agency, Role

from . import exchange, incoming, outgoing, queries
from .access import EOFFICE_ROLES, may_draft, uses_eoffice, works_for
from .errors import EofficeError
from .forms import (
    DATE_INPUT,
    AssignForm,
    CloseForm,
    DraftForm,
    IncomingForm,
    OpinionForm,
    StepForm,
)
from .models import (
    Delivery,
    DeliveryStatus,
    DocumentType,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)
from .registers import register_pdf, register_rows, register_xlsx
from .rendering import document_pdf

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def eoffice_staff(view):
    """Logged-in staff holding an e-office role; others get the office's no-role page."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_superuser or uses_eoffice(request.user)):
            return render(request, "office/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _errors(form, error: str = "") -> list[tuple[str, str]]:
    items = [("#actions", error)] if error else []
    if form is not None:
        items += [("#actions", message) for message in form.non_field_errors()]
        items += [
            (f"#{form[name].auto_id}", message)
            for name, errors in form.errors.items()
            if name != "__all__"
            for message in errors
        ]
    return items


def _agencies(user, *roles):
    return visible_agencies(user, *roles).select_related("issuer").order_by("path")


# ---------------------------------------------------------------- dashboard


@eoffice_staff
def home(request):
    user, now = request.user, timezone.now()
    seen_in = queries.visible_incoming(user)
    seen_out = queries.visible_outgoing(user)
    clerk = _agencies(user, Role.CLERK)
    heads = _agencies(user, Role.OFFICE_HEAD)
    units = visible_agencies(user, Role.DOC_HANDLER)
    queues = [
        ("Chờ vào sổ", seen_in.filter(status=IncomingStatus.RECEIVED, agency__in=clerk), "in"),
        ("Chờ phân công", seen_in.filter(status=IncomingStatus.REGISTERED, agency__in=heads), "in"),
        (
            "Đơn vị đang xử lý",
            seen_in.filter(status=IncomingStatus.ASSIGNED, lead_unit__in=units),
            "in",
        ),
        (
            "Dự thảo chờ kiểm tra",
            seen_out.filter(status=OutgoingStatus.REVIEW, agency__in=heads),
            "out",
        ),
        ("Chờ tôi duyệt ký", seen_out.filter(status=OutgoingStatus.SIGNING, signer=user), "out"),
        (
            "Chờ cấp số, phát hành",
            seen_out.filter(status=OutgoingStatus.APPROVED, agency__in=clerk),
            "out",
        ),
        ("Dự thảo của tôi", seen_out.filter(status=OutgoingStatus.DRAFT, drafted_by=user), "out"),
    ]
    overdue = list(queries.overdue_incoming(user, now)[:50])
    return render(
        request,
        "eoffice/home.html",
        {
            "queues": [
                (label, list(rows[:20]), rows.count(), kind) for label, rows, kind in queues
            ],
            "overdue": overdue,
            "now": now,
            "may_register": clerk.exists() or user.is_superuser,
            "may_draft": bool(_draft_agencies(user)),
        },
    )


# ---------------------------------------------------------------- registers and search


def _dates(request) -> tuple[date | None, date | None, list[str]]:
    values, errors = [], []
    for name, label in (("from", "Từ ngày"), ("to", "Đến ngày")):
        text = request.GET.get(name, "").strip()
        value = None
        for pattern in DATE_INPUT:
            try:
                value = timezone.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if text and value is None:
            errors.append(f"{label}: nhập ngày dạng dd/mm/yyyy.")
        values.append(value)
    return values[0], values[1], errors


def _register_page(request, direction: str):
    user = request.user
    documents = (
        queries.visible_incoming(user) if direction == "in" else queries.visible_outgoing(user)
    )
    start, end, errors = _dates(request)
    text = request.GET.get("q", "").strip()
    field = "received_at" if direction == "in" else "released_at"
    found = queries.search(documents, text=text, start=start, end=end, field=field)
    if direction == "out" and request.GET.get("all") != "1":
        found = found.filter(status=OutgoingStatus.RELEASED)
    agencies = (
        _agencies(user, *EOFFICE_ROLES)
        if not user.is_superuser
        else Agency.objects.filter(issuer__isnull=False)
    )
    year = timezone.localtime().year
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        f"eoffice/register_{direction}.html",
        {
            "page": page,
            "q": text,
            "start": request.GET.get("from", ""),
            "end": request.GET.get("to", ""),
            "errors": [("#q", message) for message in errors],
            "agencies": agencies.filter(issuer__isnull=False),
            "year": year,
            "years": range(year, year - 5, -1),
            "direction": direction,
            "show_all": request.GET.get("all") == "1",
        },
    )


@eoffice_staff
def incoming_register(request):
    return _register_page(request, "in")


@eoffice_staff
def outgoing_register(request):
    return _register_page(request, "out")


@eoffice_staff
def export_register(request, direction: str, fmt: str):
    if direction not in ("in", "out") or fmt not in ("xlsx", "pdf"):
        raise Http404("Không có sổ này.")
    agency = get_object_or_404(Agency, pk=request.GET.get("agency") or 0)
    if not any(may(request.user, role, agency) for role in queries.READERS):
        raise Http404("Không có sổ này.")
    try:
        year = int(request.GET.get("year", timezone.localtime().year))
    except ValueError:
        raise Http404("Năm không hợp lệ.") from None
    register = register_rows(agency, year, direction)
    name = f"so-van-ban-{'den' if direction == 'in' else 'di'}-{year}"
    if fmt == "xlsx":
        response = HttpResponse(register_xlsx(register), content_type=XLSX)
    else:
        response = HttpResponse(register_pdf(register), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# ---------------------------------------------------------------- incoming


@eoffice_staff
def incoming_new(request):
    agencies = _agencies(request.user, Role.CLERK)
    if request.user.is_superuser:
        agencies = Agency.objects.filter(issuer__isnull=False)
    if not agencies:
        raise Http404("Chỉ văn thư vào sổ văn bản đến.")
    form = IncomingForm(request.POST or None, request.FILES or None)
    agency = agencies.filter(pk=request.POST.get("agency")).first() or agencies.first()
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = incoming.register_upload(
                agency=agency,
                user=request.user,
                pdf=data.pop("file").read(),
                **data,
            )
        except EofficeError as problem:
            error = problem.message
        else:
            messages.success(request, f"Đã vào sổ văn bản đến số {document.number}.")
            return redirect("eoffice:incoming", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "eoffice/incoming_new.html",
        {
            "form": form,
            "agencies": agencies,
            "agency": agency,
            "errors": _errors(form if request.method == "POST" else None, error),
        },
        status=status,
    )


def _incoming(user, pk) -> IncomingDocument:
    return get_object_or_404(queries.visible_incoming(user), pk=pk)


INCOMING_ACTIONS = {
    "register": (None, "Đã vào sổ văn bản đến."),
    "assign": (AssignForm, "Đã phân công xử lý."),
    "opinion": (OpinionForm, "Đã ghi ý kiến."),
    "close": (CloseForm, "Đã kết thúc xử lý văn bản."),
}


def _incoming_forms(document, user, failed=None):
    """The action forms `user` may use on `document` now."""
    forms = {}
    status = document.status
    if status == IncomingStatus.RECEIVED and works_for(user, Role.CLERK, document.agency):
        forms["register"] = None
    if status in (IncomingStatus.REGISTERED, IncomingStatus.ASSIGNED) and works_for(
        user, Role.OFFICE_HEAD, document.agency
    ):
        forms["assign"] = AssignForm(document=document, prefix="assign")
    if status == IncomingStatus.ASSIGNED and incoming._handles(user, document) is not None:
        forms["opinion"] = OpinionForm(prefix="opinion")
        forms["close"] = CloseForm(document=document, prefix="close")
    if failed is not None:
        forms[failed.prefix] = failed
    return forms


def render_incoming(request, document, *, failed=None, error="", status=200):
    document = _incoming(request.user, document.pk)
    forms = _incoming_forms(document, request.user, failed)
    return render(
        request,
        "eoffice/incoming.html",
        {
            "doc": document,
            "events": document.events.select_related("unit"),
            "forms": forms,
            "cooperating": document.cooperating_units.all(),
            "may_reply": document.status == IncomingStatus.ASSIGNED
            and bool(_draft_agencies(request.user)),
            "drafts": document.drafts.all(),
            "now": timezone.now(),
            "errors": _errors(failed, error),
        },
        status=status,
    )


@eoffice_staff
def incoming_detail(request, pk: int):
    return render_incoming(request, _incoming(request.user, pk))


@eoffice_staff
@require_POST
def incoming_act(request, pk: int, action: str):
    if action not in INCOMING_ACTIONS:
        raise Http404("Không có thao tác này.")
    document = _incoming(request.user, pk)
    form_class, done = INCOMING_ACTIONS[action]
    form = None
    if form_class is not None:
        kwargs = {"document": document} if form_class in (AssignForm, CloseForm) else {}
        form = form_class(request.POST, prefix=action, **kwargs)
        if not form.is_valid():
            return render_incoming(request, document, failed=form, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "register":
            incoming.register_received(document, request.user)
        elif action == "assign":
            incoming.assign(
                document,
                request.user,
                lead_unit=data["lead_unit"],
                cooperating=list(data["cooperating"]),
                days=data["days"],
                note=data["note"],
            )
        elif action == "opinion":
            incoming.add_opinion(document, request.user, data["text"])
        else:
            incoming.close(document, request.user, answer=data["answer"], note=data["note"])
    except EofficeError as problem:
        return render_incoming(
            request, document, failed=form, error=problem.message, status=problem.status
        )
    messages.success(request, done)
    return redirect("eoffice:incoming", pk=pk)


@eoffice_staff
def incoming_file(request, pk: int):
    document = _incoming(request.user, pk)
    if not document.file:
        raise Http404("Văn bản không có tệp.")
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"van-ban-den-{document.number or document.pk}.pdf",
    )


# ---------------------------------------------------------------- outgoing


def _draft_agencies(user):
    """Agencies with an issuer profile that `user` may draft for."""
    issuers = Agency.objects.in_force().filter(issuer__isnull=False).select_related("issuer")
    if user.is_superuser:
        return list(issuers)
    return [agency for agency in issuers if may_draft(user, agency)]


@eoffice_staff
def outgoing_new(request):
    agencies = _draft_agencies(request.user)
    if not agencies:
        raise Http404("Chỉ chuyên viên, văn thư được soạn văn bản đi.")
    chosen = request.POST.get("agency") or request.GET.get("agency")
    agency = next((a for a in agencies if str(a.pk) == chosen), agencies[0])
    replies_to = None
    if request.GET.get("reply") or request.POST.get("reply"):
        replies_to = _incoming(request.user, request.GET.get("reply") or request.POST.get("reply"))
        agency = next((a for a in agencies if a.pk == replies_to.agency_id), agency)
    initial = {"signature_form": "KT.", "authority": "CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH"}
    kind = DocumentType.objects.filter(pk=request.GET.get("type") or 0).first()
    kind = kind or DocumentType.objects.first()
    initial.update(document_type=kind, body=kind.starter if kind else "")
    if replies_to is not None:
        initial.update(
            title=f"Trả lời văn bản số {replies_to.symbol} của {replies_to.sender_name}",
            recipients_text=f"{replies_to.sender_name}",
        )
    form = DraftForm(request.POST or None, agency=agency, initial=initial, prefix="draft")
    error = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        recipients = list(data.pop("recipient_agencies"))
        try:
            document = outgoing.create_draft(
                agency=agency,
                user=request.user,
                recipient_agencies=recipients,
                replies_to=replies_to,
                **data,
            )
        except EofficeError as problem:
            error = problem.message
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("eoffice:outgoing", pk=document.pk)
    return render(
        request,
        "eoffice/outgoing_form.html",
        {
            "form": form,
            "agencies": agencies,
            "agency": agency,
            "replies_to": replies_to,
            "types": DocumentType.objects.all(),
            "kind": kind,
            "errors": _errors(form if request.method == "POST" else None, error),
        },
        status=400 if request.method == "POST" else 200,
    )


def _outgoing(user, pk) -> OutgoingDocument:
    return get_object_or_404(queries.visible_outgoing(user), pk=pk)


@eoffice_staff
def outgoing_edit(request, pk: int):
    document = _outgoing(request.user, pk)
    if document.status != OutgoingStatus.DRAFT or document.drafted_by_id != request.user.pk:
        messages.error(request, "Chỉ người soạn sửa được dự thảo.")
        return redirect("eoffice:outgoing", pk=pk)
    form = DraftForm(
        request.POST or None, instance=document, agency=document.agency, prefix="draft"
    )
    error = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        recipients = list(data.pop("recipient_agencies"))
        try:
            outgoing.update_draft(
                document,
                request.user,
                version=int(request.POST.get("version", -1)),
                recipient_agencies=recipients,
                **data,
            )
        except EofficeError as problem:
            error = problem.message
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("eoffice:outgoing", pk=pk)
    return render(
        request,
        "eoffice/outgoing_form.html",
        {
            "form": form,
            "document": document,
            "agency": document.agency,
            "errors": _errors(form if request.method == "POST" else None, error),
        },
        status=400 if request.method == "POST" else 200,
    )


def _send_back(document, user, **kwargs):
    """Return to the author from whichever check the document is at."""
    step = outgoing.check if document.status == OutgoingStatus.REVIEW else outgoing.approve
    return step(document, user, accept=False, **kwargs)


def _release(document, user, *, version, note=""):
    return outgoing.release(document, user, version=version)


OUTGOING_STEPS = {
    "submit": (outgoing.submit, "Đã trình dự thảo tới Văn phòng."),
    "check": (partial(outgoing.check, accept=True), "Đã chuyển lãnh đạo duyệt ký."),
    "return": (_send_back, "Đã trả lại người soạn."),
    "approve": (
        partial(outgoing.approve, accept=True),
        "Đã duyệt ký; văn thư sẽ cấp số, phát hành.",
    ),
    "release": (_release, "Đã cấp số, ký số và phát hành văn bản."),
}


def _outgoing_steps(document, user) -> list[str]:
    status, agency = document.status, document.agency
    steps = []
    if status == OutgoingStatus.DRAFT and document.drafted_by_id == user.pk:
        steps.append("submit")
    if status == OutgoingStatus.REVIEW and works_for(user, Role.OFFICE_HEAD, agency):
        steps += ["check", "return"]
    if status == OutgoingStatus.SIGNING and document.signer_id == user.pk:
        steps += ["approve", "return"]
    if status == OutgoingStatus.APPROVED and works_for(user, Role.CLERK, agency):
        steps.append("release")
    return steps


def render_outgoing(request, document, *, failed=None, error="", status=200):
    document = _outgoing(request.user, document.pk)
    form = failed or StepForm(initial={"version": document.version})
    return render(
        request,
        "eoffice/outgoing.html",
        {
            "doc": document,
            "events": document.events.all(),
            "deliveries": document.deliveries.select_related("agency", "peer"),
            "recipient_agencies": document.recipient_agencies.all(),
            "steps": _outgoing_steps(document, request.user),
            "form": form,
            "errors": _errors(failed, error),
        },
        status=status,
    )


@eoffice_staff
def outgoing_detail(request, pk: int):
    return render_outgoing(request, _outgoing(request.user, pk))


@eoffice_staff
@require_POST
def outgoing_act(request, pk: int, action: str):
    if action not in OUTGOING_STEPS:
        raise Http404("Không có thao tác này.")
    document = _outgoing(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return render_outgoing(request, document, failed=form, status=400)
    step, done = OUTGOING_STEPS[action]
    try:
        step(
            document,
            request.user,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except EofficeError as problem:
        return render_outgoing(
            request, document, failed=form, error=problem.message, status=problem.status
        )
    messages.success(request, done)
    return redirect("eoffice:outgoing", pk=pk)


@eoffice_staff
def outgoing_pdf(request, pk: int):
    """The signed file once released; before that, a preview without number or date."""
    document = _outgoing(request.user, pk)
    if document.file:
        return FileResponse(
            document.file.open("rb"),
            content_type="application/pdf",
            filename=f"{document.symbol.replace('/', '-')}.pdf",
        )
    try:
        content = document_pdf(document)
    except EofficeError as problem:
        raise Http404(problem.message) from problem
    return HttpResponse(content, content_type="application/pdf")


def public_file(request, pk):
    """The signed document an outside recipient was e-mailed: the link is the key."""
    delivery = get_object_or_404(
        Delivery.objects.select_related("document"), pk=pk, status=DeliveryStatus.SENT
    )
    document = delivery.document
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{document.symbol.replace('/', '-')}.pdf",
    )


# ---------------------------------------------------------------- monthly report


@eoffice_staff
def report(request):
    agencies = _agencies(request.user, *EOFFICE_ROLES).filter(issuer__isnull=False)
    if request.user.is_superuser:
        agencies = Agency.objects.filter(issuer__isnull=False)
    agency = agencies.filter(pk=request.GET.get("agency") or 0).first() or agencies.first()
    today = timezone.localtime().date()
    try:
        month = int(request.GET.get("month", today.month))
        year = int(request.GET.get("year", today.year))
        date(year, month, 1)
    except ValueError:
        month, year = today.month, today.year
    figures = queries.month_figures(agency, year, month) if agency else None
    return render(
        request,
        "eoffice/report.html",
        {
            "figures": figures,
            "agencies": agencies,
            "agency": agency,
            "month": month,
            "year": year,
            "months": range(1, 13),
            "years": range(today.year, today.year - 5, -1),
        },
    )


# ---------------------------------------------------------------- exchange API


def _api(request, handle):
    try:
        peer = exchange.authenticate(request.headers, request.path, request.body)
        payload = json.loads(request.body)
        return handle(peer, payload)
    except EofficeError as problem:
        return JsonResponse({"error": problem.message}, status=problem.status)
    except ValueError:
        return JsonResponse({"error": "Nội dung không phải JSON."}, status=400)


@csrf_exempt
@require_POST
def exchange_inbox(request):
    def handle(peer, payload):
        document = exchange.accept_message(peer, payload)
        return JsonResponse(
            {
                "id": str(document.exchange_id),
                "status": DeliveryStatus.DELIVERED.value,
                "received_at": document.received_at.isoformat(),
            },
            status=202,
        )

    return _api(request, handle)


@csrf_exempt
@require_POST
def exchange_receipts(request):
    def handle(peer, payload):
        delivery = exchange.accept_receipt(peer, payload)
        return JsonResponse({"id": str(delivery.pk), "status": delivery.status})

    return _api(request, handle)
