"""What every API endpoint promises: bounded numbers and strings, and the shape of errors.

Page numbers and sizes have upper bounds, text parameters a length and no control
characters, so no input reaches a query the database refuses (a 500); what falls outside
is a documented 422.
"""

from typing import Annotated

from ninja import Field, Path, Query, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
# Text of several lines: tabs and line breaks allowed, no other control character (NUL
# above all: PostgreSQL stores no NUL in a text or JSON column).
_LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
PRINTABLE, LINES = _PRINTABLE, _LINES

# A free-text query parameter, and a code in a path or filter.
Text = Annotated[str, Query(max_length=200, pattern=_PRINTABLE)]
CodeParam = Annotated[str, Query(max_length=64, pattern=_PRINTABLE)]
CodePath = Annotated[str, Path(max_length=64, pattern=_PRINTABLE)]


class Error(Schema):
    detail: str


class Pages(PageNumberPagination):
    """Ninja's page-number pagination with every number bounded (422 outside the bounds)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, page_size: int = 20, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)


def document_errors(schema: dict) -> dict:
    """Add the error responses every operation can give to the OpenAPI `schema`: 422 for
    invalid parameters, 404 where a path names a thing."""
    error = {"$ref": "#/components/schemas/Error"}
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
        "Error",
        {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
    )
    for operations in schema["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            content = {"application/json": {"schema": error}}
            # Ninja keys the statuses it knows by number; JSON writes both kinds as text.
            given = {str(status) for status in responses}
            if "422" not in given:
                responses["422"] = {"description": "Dữ liệu không hợp lệ", "content": content}
            if "404" not in given and any(p["in"] == "path" for p in parameters):
                responses["404"] = {"description": "Không tìm thấy", "content": content}
    return schema
