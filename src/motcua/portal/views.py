from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from motcua import pagecache
from motcua.catalog.models import Field, OnlineLevel, Procedure
from motcua.catalog.search import search_procedures
from motcua.catalog.services import current_version
from motcua.org.models import Agency, AgencyKind
from motcua.printing.declaration import declaration_pdf
from motcua.text import sort_key


@pagecache.cached_page(pagecache.CONTENT)
def procedure_list(request):
    """Browse by field, level and agency; search without accents."""
    q = request.GET.get("q", "").strip()
    procedures = Procedure.objects.filter(active=True).select_related("field")
    field = Field.objects.filter(code=request.GET.get("field", "")).first()
    kind = AgencyKind.objects.filter(code=request.GET.get("kind", "")).first()
    agency = Agency.objects.in_force().filter(code=request.GET.get("agency", "")).first()
    online = request.GET.get("online", "")
    if field:
        procedures = procedures.filter(field=field)
    if kind:
        procedures = procedures.filter(agency_kinds=kind)
    if agency:
        procedures = procedures.filter(agency_kinds=agency.kind_id)
    if online in OnlineLevel.values:
        procedures = procedures.filter(online_level=online)
    procedures = (
        search_procedures(q, procedures)
        if q
        else procedures.order_by("field__sort_key", "sort_key", "code")
    )
    page = Paginator(procedures, 25).get_page(request.GET.get("page"))
    kinds = AgencyKind.objects.filter(procedures__isnull=False).distinct()
    context = {
        "q": q,
        "page": page,
        "fields": Field.objects.filter(procedures__active=True).distinct(),
        "kinds": sorted(kinds, key=lambda k: sort_key(k.name)),
        "agencies": Agency.objects.in_force().filter(kind__in=kinds).select_related("kind"),
        "online_levels": OnlineLevel.choices,
        "selected": {"field": field, "kind": kind, "agency": agency, "online": online},
        "query_without_page": _without_page(request.GET),
    }
    return render(request, "portal/procedure_list.html", context)


def _without_page(params) -> str:
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


def procedure_declaration(request, code: str):
    """`/procedures/<code>/to-khai.pdf`: the blank declaration, to print and fill by hand."""
    procedure = get_object_or_404(Procedure, code=code, active=True)
    response = HttpResponse(
        declaration_pdf(current_version(procedure).data), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="to-khai-{procedure.code}.pdf"'
    return response


@pagecache.cached_page(pagecache.CONTENT)
def procedure_detail(request, code: str):
    procedure = get_object_or_404(
        Procedure.objects.select_related("field").prefetch_related(
            "agency_kinds", "documents", "steps"
        ),
        code=code,
        active=True,
    )
    agencies = Agency.objects.in_force().filter(kind__in=procedure.agency_kinds.all())
    return render(
        request, "portal/procedure_detail.html", {"procedure": procedure, "agencies": agencies}
    )
