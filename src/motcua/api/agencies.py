"""Agencies, as they change over time: each shows when it was in force and its successors."""

from datetime import date

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from motcua import pagecache, replica
from motcua.org import places
from motcua.org.models import Agency
from motcua.text import fold

from .contract import CodeParam, CodePath, Pages, Text
from .errors import Error

router = Router(tags=["org"])


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    address: str
    phone: str
    email: str
    valid_from: date | None
    valid_to: date | None
    successors: list[str]

    @staticmethod
    def resolve_successors(obj: Agency) -> list[str]:
        return [successor.code for successor in obj.successors.all()]

    @staticmethod
    def resolve_kind(obj: Agency) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_parent(obj: Agency) -> str | None:
        return obj.parent.code if obj.parent_id else None


@decorate_view(pagecache.cached_page(pagecache.CONTENT), replica.reads())
@router.get("", response=list[AgencyOut], summary="Danh sách, tìm kiếm cơ quan")
@paginate(Pages, page_size=50)
def list_agencies(
    request, q: Text = "", kind: CodeParam = "", parent: CodeParam = "", at: date | None = None
):
    """The agencies in force on `at` (default: today). `q` matches names without accents,
    a code prefix, or a former place now in the agency's charge ("hoa hiep" finds the
    commune that took xã Hòa Hiệp in)."""
    queryset = _agencies().in_force(at)
    if kind:
        queryset = queryset.filter(kind__code=kind)
    if parent:
        queryset = queryset.filter(parent__code=parent)
    words = fold(q).split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(name_folded__contains=word)
        former = Q(pk__in=places.agencies_named(q))
        queryset = queryset.filter(by_name | Q(code__startswith=q.strip()) | former)
    return queryset.order_by("path")


@decorate_view(pagecache.cached_page(pagecache.CONTENT))
@router.get("/{code}", response={200: AgencyOut, 404: Error}, summary="Chi tiết cơ quan")
def agency_detail(request, code: CodePath):
    return get_object_or_404(_agencies(), code=code)


def _agencies():
    successors = Prefetch("successors", queryset=Agency.objects.only("code").order_by("code"))
    return Agency.objects.select_related("kind", "parent").prefetch_related(successors)
