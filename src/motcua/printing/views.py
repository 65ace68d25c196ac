"""PDF forms for staff: a dossier's forms 01-05 and the tracking book (form 06).

Staff see a dossier when its receiving or handling agency lies where they hold a role;
any other dossier answers 404, as if it did not exist. A form that does not apply to the
dossier answers 409 with the reason in Vietnamese.
"""

from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.dossiers.models import Dossier
from motcua.org.access import visible_agencies
from motcua.signing.errors import SigningError
from motcua.signing.services import maybe_sign_form

from .declaration import declaration_pdf
from .errors import FormNotApplicable
from .services import DOSSIER_FORMS, dossier_form_pdf, tracking_book_pdf

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


@require_GET
@login_required
def dossier_form(request, code: str, form: str):
    """`/print/dossiers/<code>/<form>.pdf`: form 01-05 of one dossier."""
    if form not in DOSSIER_FORMS:
        raise Http404("Không có mẫu này.")
    visible = visible_agencies(request.user)
    dossier = (
        Dossier.objects.filter(code=code)
        .filter(Q(receiving_agency__in=visible) | Q(handling_agency__in=visible))
        .select_related("procedure_version", "receiving_agency__parent", "handling_agency")
        .first()
    )
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    try:
        # The desk's certificate signs the form when its agency has switched that on.
        data = maybe_sign_form(dossier.receiving_agency, dossier_form_pdf(dossier, form))
    except (FormNotApplicable, SigningError) as error:
        return _problem(request, error.message, status=409)
    return _pdf_response(data, f"{dossier.code}-mau-{form}.pdf")


@require_GET
@login_required
def declaration(request, code: str):
    """`/print/dossiers/<code>/to-khai.pdf`: the dossier's declaration with its answers."""
    visible = visible_agencies(request.user)
    dossier = (
        Dossier.objects.filter(code=code)
        .filter(Q(receiving_agency__in=visible) | Q(handling_agency__in=visible))
        .select_related("procedure_version", "handling_agency")
        .first()
    )
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    content = declaration_pdf(dossier.procedure_version.data, dossier=dossier)
    return _pdf_response(content, f"{dossier.code}-to-khai.pdf")


@require_GET
@login_required
def tracking_book(request):
    """`/print/book.pdf?agency=CODE&from=dd/mm/yyyy&to=dd/mm/yyyy`: form 06."""
    agency = visible_agencies(request.user).filter(code=request.GET.get("agency", "")).first()
    if agency is None:
        raise Http404("Không tìm thấy cơ quan.")
    start, end = _date(request.GET.get("from")), _date(request.GET.get("to"))
    if start is None or end is None:
        return _problem(request, "Nhập từ ngày và đến ngày theo dạng dd/mm/yyyy.", status=400)
    if start > end:
        return _problem(request, "Từ ngày phải trước hoặc bằng đến ngày.", status=400)
    data = tracking_book_pdf(agency, start, end)
    return _pdf_response(data, f"so-theo-doi-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


def _date(value: str | None) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _problem(request, message: str, *, status: int) -> HttpResponse:
    return render(request, "printing/problem.html", {"message": message}, status=status)
