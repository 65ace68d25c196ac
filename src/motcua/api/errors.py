"""The API's error body, and lifecycle input errors turned into a 422 naming each field."""

from ninja import Schema, Status

from motcua.dossiers.errors import InvalidInput


class Error(Schema):
    detail: str
    errors: list[dict] | None = None


def _location(field: str, prefix: str) -> list[str]:
    """`applicant_name` → ["body", "applicant", "name"]; headers keep their name."""
    if field == "Idempotency-Key":
        return ["header", field]
    if prefix == "body" and field.startswith("applicant_"):
        return [prefix, "applicant", field.removeprefix("applicant_")]
    return [prefix, field]


def invalid(error: InvalidInput, *, prefix: str):
    """The 422 response for a refused input: `detail` in Vietnamese, `errors` as pydantic's."""
    errors = [
        {"loc": _location(field, prefix), "msg": message, "type": "value_error"}
        for field, message in error.errors.items()
    ]
    return Status(422, {"detail": f"Dữ liệu không hợp lệ: {error.message}", "errors": errors})
