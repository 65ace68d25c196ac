"""Fields and procedures."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from motcua import pagecache, replica
from motcua.catalog.models import Field, Procedure
from motcua.catalog.search import search_procedures

from .contract import CodeParam, CodePath, Pages, Text
from .errors import Error

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
    boundary_free: bool
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
    type: str | None

    @staticmethod
    def resolve_type(obj) -> str | None:
        return obj.document_type.code if obj.document_type else None


class FormFieldOut(Schema):
    name: str
    label: str
    kind: str
    required: bool
    choices: list[str]
    help: str
    section: str
    group: str
    show_if: str
    prefill: str

    @staticmethod
    def resolve_choices(obj) -> list[str]:
        return obj.choice_list


class FormOut(Schema):
    """The declaration (tờ khai): its title, legal template, commitment and fields."""

    title: str
    source: str
    commitment: str
    fields: list[FormFieldOut]


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
    form: FormOut

    @staticmethod
    def resolve_same_day_cutoff(obj: Procedure) -> str | None:
        return obj.same_day_cutoff.strftime("%H:%M") if obj.same_day_cutoff else None

    @staticmethod
    def resolve_documents(obj: Procedure):
        return list(obj.documents.all())

    @staticmethod
    def resolve_steps(obj: Procedure):
        return list(obj.steps.all())

    @staticmethod
    def resolve_form(obj: Procedure) -> dict:
        declaration = obj.declaration or {}
        return {
            "title": declaration.get("title", ""),
            "source": declaration.get("source", ""),
            "commitment": declaration.get("commitment", ""),
            "fields": list(obj.form_fields.all()),
        }


@decorate_view(pagecache.cached_page(pagecache.CONTENT), replica.reads())
@procedures.get("", response=list[ProcedureOut], summary="Danh sách, tìm kiếm thủ tục")
@paginate(Pages, page_size=20)
def list_procedures(request, q: Text = "", field: CodeParam = "", kind: CodeParam = ""):
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
@procedures.get("/{code}", response={200: ProcedureDetail, 404: Error}, summary="Chi tiết thủ tục")
def procedure_detail(request, code: CodePath):
    return get_object_or_404(
        Procedure.objects.select_related("field").prefetch_related(
            "agency_kinds", "documents__document_type", "steps", "form_fields"
        ),
        code=code,
        active=True,
    )


@decorate_view(pagecache.cached_page(pagecache.CONTENT), replica.reads())
@fields.get("", response=list[FieldOut], summary="Danh sách lĩnh vực")
@paginate(Pages, page_size=100)
def list_fields(request):
    return Field.objects.order_by("sort_key", "code")


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@fields.get("/{code}", response={200: FieldOut, 404: Error}, summary="Chi tiết lĩnh vực")
def field_detail(request, code: CodePath):
    return get_object_or_404(Field, code=code)
