"""The province's PAR index criteria as data: seeded from TOML, or imported from the XLSX the
province sends (columns: mã, tiêu chí, điểm tối đa, số liệu hệ thống).

A code without a dot ("3") is a criterion; "3.2" is its sub-criterion and carries the points.

>>> import_criteria_xlsx(open("chi-so-cchc-2023.xlsx", "rb").read(), year=2023)
31
"""

import io
from decimal import Decimal, InvalidOperation

from django.db import transaction
from openpyxl import load_workbook

from .errors import ReformError
from .models import Criterion, Measure

HEADER = ("Mã", "Tiêu chí", "Điểm tối đa", "Số liệu hệ thống")


@transaction.atomic
def load_criteria(year: int, rows: list[dict]) -> int:
    """Replace the year's set with `rows` (dicts: code, name, points, measure); returns the
    number of sub-criteria. Refused when a self-assessment of that year has scores."""
    from .models import Score

    if Score.objects.filter(criterion__year=year).exists():
        raise ReformError(f"Đã có cơ quan tự đánh giá năm {year}: không thay bộ tiêu chí được.")
    Criterion.objects.filter(year=year).delete()
    parents: dict[str, Criterion] = {}
    leaves = 0
    for order, row in enumerate(rows, start=1):
        code = str(row["code"]).strip()
        head, _, tail = code.partition(".")
        measure = row.get("measure") or ""
        if measure not in Measure.values and measure:
            raise ReformError(f"Tiêu chí {code}: số liệu hệ thống “{measure}” không có.")
        parent = parents.get(head) if tail else None
        if tail and parent is None:
            raise ReformError(f"Tiêu chí {code} không có tiêu chí cha {head}.")
        criterion = Criterion.objects.create(
            year=year,
            code=code,
            name=row["name"],
            parent=parent,
            max_points=_points(row.get("points"), code),
            measure=measure,
            order=order,
        )
        if tail:
            leaves += 1
        else:
            parents[code] = criterion
    for parent in parents.values():
        parent.max_points = sum(c.max_points for c in parent.children.all())
        parent.save(update_fields=["max_points"])
    return leaves


def import_criteria_xlsx(content: bytes, *, year: int) -> int:
    """Read the first sheet (one header row, then one row per criterion)."""
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise ReformError("Tệp không phải bảng tính XLSX đọc được.") from error
    rows = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        code, name, points, measure = (list(values) + [None] * 4)[:4]
        if code is None and name is None:
            continue
        if not code or not name:
            raise ReformError(f"Dòng {number}: thiếu mã hoặc tên tiêu chí.")
        rows.append({"code": code, "name": name, "points": points, "measure": measure or ""})
    if not rows:
        raise ReformError("Bảng tính không có tiêu chí nào.")
    return load_criteria(year, rows)


def _points(value, code: str) -> Decimal:
    try:
        points = Decimal(str(value if value is not None else 0))
    except InvalidOperation as error:
        raise ReformError(f"Tiêu chí {code}: điểm tối đa “{value}” không phải số.") from error
    if points < 0:
        raise ReformError(f"Tiêu chí {code}: điểm tối đa không được âm.")
    return points
