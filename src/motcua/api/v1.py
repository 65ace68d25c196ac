"""REST API v1: OpenAPI 3 at /api/v1/openapi.json, errors as JSON `{"detail": "..."}`."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from . import agencies, catalog
from .contract import document_errors


class DocumentedAPI(NinjaAPI):
    """The API whose OpenAPI document lists every error status it returns."""

    def get_openapi_schema(self, **kwargs):
        return document_errors(super().get_openapi_schema(**kwargs))


api = DocumentedAPI(
    title="motcua API",
    version="1",
    description="Một cửa điện tử: danh mục thủ tục, cơ quan, lịch làm việc và hồ sơ.",
    urls_namespace="api-v1",
)


@api.exception_handler(ValidationError)
def invalid_input(request, error: ValidationError):
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', [])[1:]) or 'input'}: {e.get('msg')}"
        for e in error.errors
    )
    return api.create_response(
        request, {"detail": f"Dữ liệu không hợp lệ: {problems}", "errors": error.errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


api.add_router("/procedures", catalog.procedures)
api.add_router("/fields", catalog.fields)
api.add_router("/agencies", agencies.router)
api.add_router("/calendar", "motcua.api.calendar.router")
api.add_router("/dossiers", "motcua.api.dossiers.router")
api.add_router("/webhooks", "motcua.api.webhooks.router")
