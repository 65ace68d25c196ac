"""Fields and procedures."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import PageNumberPagination, paginate

from motcua import pagecache
from motcua.catalog.models import Field, Procedure
from motcua.catalog.search import search_procedures

procedures = Router(tags=["catalog"])
fields = Router(tags=["catalog"])


class FieldOut(Schema):
    code: str
    name: str


class ProcedureOut(Schema):
    code: str
    name: str
    field: FieldOut
    time_quantity: float
    time_unit: str
    online_level: str
    fee_amount: int | None
    agency_kinds: list[str]

    @staticmethod
    def resolve_agency_kinds(obj: Procedure) -> list[str]:
        return [k.code for k in obj.agency_kinds.all()]


class DocumentOut(Schema):
    name: str
    form: str
    copies: int
    mandatory: bool


class StepOut(Schema):
    name: str
    role: str
    performer: str
    hours: float


class ProcedureDetail(ProcedureOut):
    same_day_cutoff: str | None
    fee_description: str
    applicant_types: list[str]
    description: str
    conditions: str
    legal_basis: str
    result_name: str
    documents: list[DocumentOut]
    steps: list[StepOut]

    @staticmethod
    def resolve_same_day_cutoff(obj: Procedure) -> str | None:
        return obj.same_day_cutoff.strftime("%H:%M") if obj.same_day_cutoff else None

    @staticmethod
    def resolve_documents(obj: Procedure):
        return list(obj.documents.all())

    @staticmethod
    def resolve_steps(obj: Procedure):
        return list(obj.steps.all())


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@procedures.get("", response=list[ProcedureOut], summary="Danh sách, tìm kiếm thủ tục")
@paginate(PageNumberPagination, page_size=20)
def list_procedures(request, q: str = "", field: str = "", kind: str = ""):
    """`q` searches names and descriptions without accents (`dang ky ket hon`), or a code."""
    queryset = (
        Procedure.objects.filter(active=True)
        .select_related("field")
        .prefetch_related("agency_kinds")
    )
    if field:
        queryset = queryset.filter(field__code=field)
    if kind:
        queryset = queryset.filter(agency_kinds__code=kind)
    return (
        search_procedures(q, queryset)
        if q.strip()
        else queryset.order_by("field__sort_key", "sort_key", "code")
    )


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@procedures.get("/{code}", response=ProcedureDetail, summary="Chi tiết thủ tục")
def procedure_detail(request, code: str):
    return get_object_or_404(
        Procedure.objects.select_related("field").prefetch_related(
            "agency_kinds", "documents", "steps"
        ),
        code=code,
        active=True,
    )


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@fields.get("", response=list[FieldOut], summary="Danh sách lĩnh vực")
@paginate(PageNumberPagination, page_size=100)
def list_fields(request):
    return Field.objects.order_by("sort_key", "code")


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@fields.get("/{code}", response=FieldOut, summary="Chi tiết lĩnh vực")
def field_detail(request, code: str):
    return get_object_or_404(Field, code=code)
