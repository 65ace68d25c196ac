"""Import and export of the whole catalog as JSON and XLSX.

Both formats carry the same data (`export_catalog()`), and the demo's TOML file has the same
shape too, so one `import_catalog()` validates and writes everything.
"""

import io
import json
from datetime import time
from decimal import Decimal, InvalidOperation

import openpyxl
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from motcua.org.models import AgencyKind, Role

from .models import (
    ApplicantKind,
    DocumentForm,
    DocumentType,
    Field,
    FieldKind,
    FormField,
    OnlineLevel,
    Performer,
    Prefill,
    Procedure,
    ProcessStep,
    RequiredDocument,
    TimeUnit,
)
from .services import check_step_hours, procedure_data, publish

FORMAT_VERSION = 1


class CatalogImportError(ValueError):
    """The data cannot be imported; the message names the procedure and the problem."""


def export_catalog() -> dict:
    procedures = Procedure.objects.select_related("field", "result_type").prefetch_related(
        "agency_kinds", "documents__document_type", "steps", "form_fields"
    )
    return {
        "format": FORMAT_VERSION,
        "fields": [{"code": f.code, "name": f.name} for f in Field.objects.order_by("code")],
        "document_types": [
            {"code": t.code, "name": t.name} for t in DocumentType.objects.order_by("code")
        ],
        "procedures": [procedure_data(p) for p in procedures.order_by("code")],
    }


def _decimal(value, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise CatalogImportError(f"{where}: '{value}' không phải là số.") from None
    if not number.is_finite() or number < 0:
        raise CatalogImportError(f"{where}: '{value}' không phải là số không âm.")
    return number


def _choice(value, choices, where: str) -> str:
    if value not in choices:
        raise CatalogImportError(
            f"{where}: '{value}' không hợp lệ (chọn một trong {', '.join(choices)})."
        )
    return value


def _cutoff(value, where: str) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise CatalogImportError(f"{where}: giờ '{value}' không đúng dạng HH:MM.") from None


def _declaration(value, where: str) -> dict:
    """The declaration's title, source and commitment: a table, or its JSON from XLSX."""
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise CatalogImportError(f"{where}: tờ khai phải là JSON.") from None
    texts = {k: v for k, v in value.items() if k != "document"} if isinstance(value, dict) else None
    if texts is None or any(not isinstance(v, str) for v in texts.values()):
        raise CatalogImportError(f"{where}: tờ khai gồm các mục chữ (title, source, commitment).")
    unknown = set(value) - {"title", "source", "commitment", "document"}
    if unknown:
        raise CatalogImportError(f"{where}: tờ khai có mục lạ: {', '.join(sorted(unknown))}.")
    document = value.get("document")
    if document is not None and (not isinstance(document, int) or document < 1):
        raise CatalogImportError(f"{where}: tờ khai lập thành phần hồ sơ số mấy (1, 2 …)?")
    return dict(value)


def _form_fields(item: dict, where: str) -> list[FormField]:
    rows, names = [], set()
    for i, f in enumerate(item.get("form_fields", []), start=1):
        here = f"{where}, trường {i}"
        name = str(f.get("name", "")).strip()
        try:
            validate_slug(name)
        except ValidationError:
            raise CatalogImportError(f"{here}: mã trường '{name}' không hợp lệ.") from None
        if name in names:
            raise CatalogImportError(f"{here}: mã trường '{name}' bị trùng.")
        names.add(name)
        choices = [str(c).strip() for c in f.get("choices") or [] if str(c).strip()]
        field = FormField(
            order=i,
            name=name,
            label=f.get("label") or name,
            kind=_choice(f.get("kind"), FieldKind.values, here),
            required=bool(f.get("required", True)),
            choices="\n".join(choices),
            help=f.get("help", ""),
            section=f.get("section", ""),
            group=f.get("group", ""),
            show_if=f.get("show_if", ""),
            prefill=f.get("prefill", ""),
        )
        if field.prefill and field.prefill not in Prefill.values:
            raise CatalogImportError(f"{here}: không điền sẵn được từ '{field.prefill}'.")
        if field.group:
            try:
                validate_slug(field.group)
            except ValidationError:
                raise CatalogImportError(f"{here}: nhóm '{field.group}' không hợp lệ.") from None
        condition = field.show_if.split("=", 1)[0].strip()
        if condition and condition not in names - {name}:
            raise CatalogImportError(
                f"{here}: điều kiện hiển thị nhắc tới trường '{condition}' chưa có ở trên."
            )
        try:
            field.clean()
        except ValidationError as error:
            raise CatalogImportError(f"{here}: {'; '.join(error.messages)}") from None
        rows.append(field)
    return rows


@transaction.atomic
def import_catalog(data: dict) -> dict[str, int]:
    """Create or update every field and procedure in `data` (matched by code).

    A procedure's documents and steps are replaced by those in `data`; each changed procedure
    gets a new version. Any error rolls the whole import back. Returns counts.
    """
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogImportError("Tệp không đúng định dạng danh mục thủ tục (thiếu 'procedures').")
    for item in data.get("fields", []):
        if not item.get("code") or not item.get("name"):
            raise CatalogImportError(f"Lĩnh vực thiếu mã hoặc tên: {item}")
        Field.objects.update_or_create(code=str(item["code"]), defaults={"name": item["name"]})
    for item in data.get("document_types", []):
        if not item.get("code") or not item.get("name"):
            raise CatalogImportError(f"Loại giấy tờ thiếu mã hoặc tên: {item}")
        DocumentType.objects.update_or_create(
            code=str(item["code"]), defaults={"name": item["name"]}
        )
    fields = {f.code: f for f in Field.objects.all()}
    types = {t.code: t for t in DocumentType.objects.all()}

    def document_type(code, where: str) -> DocumentType | None:
        if not code:
            return None
        if code not in types:
            raise CatalogImportError(f"{where}: loại giấy tờ '{code}' không có trong danh mục.")
        return types[code]

    kinds = {k.code: k for k in AgencyKind.objects.all()}
    seen: set[str] = set()
    versions = 0
    for item in data["procedures"]:
        code = str(item.get("code", "")).strip()
        where = f"Thủ tục {code or '(không có mã)'}"
        if not code or not item.get("name"):
            raise CatalogImportError(f"{where}: thiếu mã hoặc tên thủ tục.")
        if code in seen:
            raise CatalogImportError(f"{where}: mã thủ tục bị trùng.")
        seen.add(code)
        if item.get("field") not in fields:
            raise CatalogImportError(
                f"{where}: lĩnh vực '{item.get('field')}' không có trong danh mục."
            )
        unknown = set(item.get("agency_kinds", [])) - set(kinds)
        if unknown:
            raise CatalogImportError(
                f"{where}: loại cơ quan không tồn tại: {', '.join(sorted(unknown))}."
            )
        applicants = list(item.get("applicant_types") or [ApplicantKind.INDIVIDUAL])
        for value in applicants:
            _choice(value, ApplicantKind.values, f"{where}, đối tượng")
        fee = item.get("fee_amount")
        values = {
            "name": item["name"],
            "field": fields[item["field"]],
            "time_quantity": _decimal(item.get("time_quantity", 0), f"{where}, thời hạn"),
            "time_unit": _choice(
                item.get("time_unit"), TimeUnit.values, f"{where}, đơn vị thời hạn"
            ),
            "same_day_cutoff": _cutoff(item.get("same_day_cutoff"), where),
            "fee_amount": None if fee in (None, "") else int(_decimal(fee, f"{where}, lệ phí")),
            "fee_description": item.get("fee_description", ""),
            "applicant_types": applicants,
            "online_level": _choice(
                item.get("online_level", OnlineLevel.NONE),
                OnlineLevel.values,
                f"{where}, mức độ trực tuyến",
            ),
            "restart_on_supplement": bool(item.get("restart_on_supplement", False)),
            "boundary_free": bool(item.get("boundary_free", False)),
            "result_name": item.get("result_name", ""),
            "result_type": document_type(item.get("result_type"), f"{where}, kết quả"),
            "declaration": _declaration(item.get("declaration"), where),
            "handling_office": item.get("handling_office", ""),
            "description": item.get("description", ""),
            "conditions": item.get("conditions", ""),
            "legal_basis": item.get("legal_basis", ""),
            "active": bool(item.get("active", True)),
            "note": item.get("unconfirmed", ""),
        }
        steps = [
            ProcessStep(
                order=i,
                name=s.get("name", ""),
                role=_choice(s.get("role"), Role.values, f"{where}, bước {i}"),
                performer=_choice(s.get("performer"), Performer.values, f"{where}, bước {i}"),
                hours=_decimal(s.get("hours"), f"{where}, bước {i}"),
            )
            for i, s in enumerate(item.get("steps", []), start=1)
        ]
        documents = [
            RequiredDocument(
                order=i,
                name=d.get("name", ""),
                form=_choice(d.get("form"), DocumentForm.values, f"{where}, giấy tờ {i}"),
                copies=int(_decimal(d.get("copies", 1), f"{where}, giấy tờ {i}")),
                mandatory=bool(d.get("mandatory", True)),
                template=d.get("template", ""),
                document_type=document_type(d.get("type"), f"{where}, giấy tờ {i}"),
            )
            for i, d in enumerate(item.get("documents", []), start=1)
        ]
        form_fields = _form_fields(item, where)
        if values["declaration"].get("document", 0) > len(documents):
            raise CatalogImportError(
                f"{where}: tờ khai lập thành phần hồ sơ không có trong thủ tục."
            )
        try:
            check_step_hours(values["time_quantity"], values["time_unit"], [s.hours for s in steps])
        except ValidationError as error:
            raise CatalogImportError(f"{where}: {error.messages[0]}") from None
        procedure, _ = Procedure.objects.update_or_create(code=code, defaults=values)
        try:
            procedure.full_clean()
        except ValidationError as error:
            raise CatalogImportError(f"{where}: {'; '.join(error.messages)}") from None
        procedure.agency_kinds.set([kinds[k] for k in item.get("agency_kinds", [])])
        procedure.steps.all().delete()
        procedure.documents.all().delete()
        procedure.form_fields.all().delete()
        for row in steps + documents + form_fields:
            row.procedure = procedure
        ProcessStep.objects.bulk_create(steps)
        RequiredDocument.objects.bulk_create(documents)
        FormField.objects.bulk_create(form_fields)
        before = procedure.versions.count()
        publish(procedure)
        versions += procedure.versions.count() - before
    return {
        "fields": len(data.get("fields", [])),
        "document_types": len(data.get("document_types", [])),
        "procedures": len(seen),
        "new_versions": versions,
    }


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def from_json(content: bytes) -> dict:
    try:
        return json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogImportError(f"Tệp JSON không hợp lệ: {error}") from None


# XLSX: one sheet per table; list values joined with ", "; the header row holds the keys.
_SHEETS = {
    "fields": ["code", "name"],
    "document_types": ["code", "name"],
    "procedures": [
        "code",
        "name",
        "field",
        "agency_kinds",
        "time_quantity",
        "time_unit",
        "same_day_cutoff",
        "fee_amount",
        "fee_description",
        "applicant_types",
        "online_level",
        "restart_on_supplement",
        "boundary_free",
        "result_name",
        "result_type",
        "declaration",
        "handling_office",
        "description",
        "conditions",
        "legal_basis",
        "active",
        "unconfirmed",
    ],
    "documents": ["procedure", "name", "form", "copies", "mandatory", "template", "type"],
    "steps": ["procedure", "name", "role", "performer", "hours"],
    "form_fields": [
        "procedure",
        "name",
        "label",
        "kind",
        "required",
        "choices",
        "help",
        "section",
        "group",
        "show_if",
        "prefill",
    ],
}
_LISTS = {"agency_kinds", "applicant_types"}
# Lists whose items may hold commas: one item a line.
_LINES = {"choices"}
_BOOLS = {"restart_on_supplement", "boundary_free", "active", "mandatory", "required"}
_JSON = {"declaration"}


def to_xlsx(data: dict) -> bytes:
    rows = {
        "fields": data["fields"],
        "document_types": data.get("document_types", []),
        "procedures": data["procedures"],
        "documents": [
            {"procedure": p["code"], **d} for p in data["procedures"] for d in p["documents"]
        ],
        "steps": [{"procedure": p["code"], **s} for p in data["procedures"] for s in p["steps"]],
        "form_fields": [
            {"procedure": p["code"], **f}
            for p in data["procedures"]
            for f in p.get("form_fields", [])
        ],
    }
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDE6F0"})
    for sheet_name, columns in _SHEETS.items():
        sheet = book.add_worksheet(sheet_name)
        sheet.write_row(0, 0, columns, bold)
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(rows[sheet_name], start=1):
            for c, key in enumerate(columns):
                value = row.get(key)
                if key in _LISTS:
                    value = ", ".join(value or [])
                elif key in _JSON:
                    value = json.dumps(value, ensure_ascii=False) if value else ""
                elif key in _LINES:
                    value = "\n".join(value or [])
                sheet.write(r, c, "" if value is None else value)
        sheet.set_column(0, len(columns) - 1, 18)
    book.close()
    return buffer.getvalue()


def from_xlsx(content: bytes) -> dict:
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise CatalogImportError(f"Tệp XLSX không đọc được: {error}") from None
    # Workbooks exported before online forms and document types existed lack those sheets.
    missing = set(_SHEETS) - set(book.sheetnames) - {"form_fields", "document_types"}
    if missing:
        raise CatalogImportError(f"Tệp XLSX thiếu trang: {', '.join(sorted(missing))}.")
    tables = {}
    for sheet_name in _SHEETS:
        if sheet_name not in book.sheetnames:
            tables[sheet_name] = []
            continue
        rows = book[sheet_name].iter_rows(values_only=True)
        header = [str(h) for h in next(rows, ()) if h is not None]
        table = []
        for values in rows:
            if all(v in (None, "") for v in values):
                continue
            row = dict(zip(header, values, strict=False))
            for key in header:
                value = row[key]
                if key in _LISTS:
                    row[key] = [v.strip() for v in str(value or "").split(",") if v.strip()]
                elif key in _LINES:
                    row[key] = [v.strip() for v in str(value or "").splitlines() if v.strip()]
                elif key in _BOOLS:
                    row[key] = bool(value) and str(value).lower() not in {"0", "false"}
                elif value is None:
                    row[key] = None if key == "fee_amount" else ""
            table.append(row)
        tables[sheet_name] = table
    procedures = {
        str(p["code"]): {**p, "documents": [], "steps": [], "form_fields": []}
        for p in tables["procedures"]
    }
    for key in ("documents", "steps", "form_fields"):
        for row in tables[key]:
            owner = procedures.get(str(row.pop("procedure")))
            if owner is None:
                raise CatalogImportError(
                    f"Trang {key}: dòng thuộc thủ tục không có trong trang procedures."
                )
            owner[key].append(row)
    return {
        "format": FORMAT_VERSION,
        "fields": tables["fields"],
        "document_types": tables["document_types"],
        "procedures": list(procedures.values()),
    }
