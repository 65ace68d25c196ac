"""Reading a re-organisation plan from TOML or XLSX into one dictionary.

A plan (docs/two-tier.md gives the whole Tân Biên example):

    name = "Sắp xếp đơn vị hành chính cấp xã tỉnh Tây Ninh"
    basis = "Nghị quyết 1682/NQ-UBTVQH15 ngày 16/6/2025"
    effective = 2025-07-01

    [[agencies]]   # created: code, name, short_name, kind, parent, address, place_name...
    [[merge]]      # from = [codes], into = code, roles = "move" | "end"
    [[split]]      # from = code, into = [codes], dossiers = code | "residence", roles = code | "end"
    [[rename]]     # agency = code, name, short_name, place_name
    [[move]]       # agency = code, parent = code
    [[roles]]      # user, at = code, role (optional), to = code (absent: the role ends)
    [[addresses]]  # old = "xã Hòa Hiệp, huyện Tân Biên", new = "xã Phước Vinh, tỉnh Tây Ninh", agency

An XLSX plan has one sheet per table with a header row, and a sheet "plan" of key/value
rows; a list cell (merge `from`, split `into`) separates codes with ";".
"""

import tomllib
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

TABLES = ("kinds", "agencies", "merge", "split", "rename", "move", "roles", "addresses")
LISTS = {("merge", "from"), ("split", "into")}


class PlanError(ValueError):
    """The plan cannot be read or carried out; `problems` says every reason (Vietnamese)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_plan(path: Path) -> dict:
    """The plan in `path` (.toml or .xlsx), with its header checked."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            with open(path, "rb") as file:
                plan = tomllib.load(file)
        elif suffix == ".xlsx":
            plan = _from_workbook(path)
        else:
            raise PlanError([f"Tệp {path.name}: chỉ nhận phương án .toml hoặc .xlsx."])
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as error:
        if isinstance(error, PlanError):
            raise
        raise PlanError([f"Không đọc được tệp {path.name}: {error}"]) from error
    return normalised(plan)


def normalised(plan: dict) -> dict:
    """The plan with its effective date as a `date`, every table present, and the header
    checked."""
    problems = []
    effective = plan.get("effective")
    if isinstance(effective, datetime):
        effective = effective.date()
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective.strip())
        except ValueError:
            effective = None
    if not isinstance(effective, date):
        problems.append("Thiếu ngày có hiệu lực (effective = YYYY-MM-DD).")
    if not str(plan.get("name", "")).strip():
        problems.append("Thiếu tên phương án (name).")
    unknown = set(plan) - {"name", "basis", "effective", *TABLES}
    if unknown:
        problems.append(f"Mục không biết: {', '.join(sorted(unknown))}.")
    if problems:
        raise PlanError(problems)
    result = {"name": str(plan["name"]).strip(), "basis": str(plan.get("basis", "")).strip()}
    result["effective"] = effective
    for table in TABLES:
        rows = plan.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise PlanError([f"Mục {table} phải là một danh sách bảng ([[{table}]])."])
        result[table] = rows
    return result


def _from_workbook(path: Path) -> dict:
    book = load_workbook(path, read_only=True, data_only=True)
    plan: dict = {}
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
        if sheet.title == "plan":
            plan.update({str(row[0]).strip(): row[1] for row in rows if row[0]})
            continue
        if not rows:
            continue
        header = [str(cell).strip() if cell else "" for cell in rows[0]]
        table = []
        for row in rows[1:]:
            item = {}
            for key, cell in zip(header, row, strict=False):
                if not key or cell in (None, ""):
                    continue
                text = str(cell).strip()
                item[key] = (
                    [part.strip() for part in text.split(";") if part.strip()]
                    if (sheet.title, key) in LISTS
                    else text
                )
            table.append(item)
        plan[sheet.title] = table
    return plan
