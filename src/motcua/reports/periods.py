"""Reporting periods: month, quarter, six months, year or custom dates.

Where a period starts is data (`ReportingRule.start_day`): calendar periods by default;
with 15, the year 2022 runs from 15/12/2021 to 14/12/2022 and its first quarter from
15/12/2021 to 14/03/2022.

>>> period("quarter", 2022, 1)
Period(kind='quarter', first=datetime.date(2022, 1, 1), last=datetime.date(2022, 3, 31), label='Quý I năm 2022')
>>> period("year", 2022, start_day=15).first
datetime.date(2021, 12, 15)

The page, the exports and the CLI choose the basis of a period (`BASES`): "calendar"
(start_day 1) or "cutoff", the official cut-off of Decree 09/2019/NĐ-CP Art. 12 (from the
15th of the month before the period to the 14th of its last month).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .models import ReportingRule

KINDS = {
    "month": "Tháng",
    "quarter": "Quý",
    "half": "6 tháng",
    "year": "Năm",
    "custom": "Tùy chọn",
}
# The basis of a period and the day its months start on (docs/decisions/0063).
BASES = {
    "calendar": ("Theo tháng dương lịch", 1),
    "cutoff": ("Theo thời gian chốt số liệu (Nghị định 09/2019/NĐ-CP)", 15),
}
# How many months each kind spans, and how many such periods a year has.
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period that does not exist; the message is for the user (Vietnamese)."""


@dataclass(frozen=True)
class Period:
    kind: str
    first: date
    last: date
    label: str
    basis: str = "calendar"  # a key of BASES; custom periods are calendar dates

    @property
    def dates(self) -> str:
        """`01/01/2022 - 31/12/2022`."""
        return f"{self.first:%d/%m/%Y} - {self.last:%d/%m/%Y}"

    def previous_day(self) -> date:
        return self.first - timedelta(days=1)


def period(kind: str, year: int, number: int = 1, *, start_day: int | None = None) -> Period:
    """The `number`-th period of `kind` in `year` (month 1-12, quarter 1-4, half 1-2)."""
    if kind not in _MONTHS:
        raise PeriodError("Loại kỳ báo cáo không hợp lệ.")
    if not 2000 <= year <= 2100:
        raise PeriodError("Năm báo cáo phải từ 2000 đến 2100.")
    span = _MONTHS[kind]
    if not 1 <= number <= 12 // span:
        raise PeriodError(f"Kỳ số {number} không có trong năm ({KINDS[kind].lower()}).")
    start_day = ReportingRule.current_start_day() if start_day is None else start_day
    first_month = (number - 1) * span + 1
    last_month = first_month + span - 1
    if start_day == 1:
        first = date(year, first_month, 1)
        last = _month_after(date(year, last_month, 1)) - timedelta(days=1)
    else:
        before = _month_before(date(year, first_month, 1))
        first = before.replace(day=start_day)
        last = date(year, last_month, start_day) - timedelta(days=1)
    basis = "calendar" if start_day == 1 else "cutoff"
    return Period(kind, first, last, _label(kind, year, number), basis)


def custom(first: date, last: date) -> Period:
    """A period between two dates, both included."""
    if last < first:
        raise PeriodError("Ngày kết thúc phải sau ngày bắt đầu.")
    if (last - first).days > 366 * 10:
        raise PeriodError("Kỳ báo cáo không dài quá 10 năm.")
    return Period("custom", first, last, f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")


def start_day_of(basis: str | None) -> int | None:
    """The start day of a basis ("calendar" 1, "cutoff" 15); None (the configured
    `ReportingRule`) when no basis is given. PeriodError on an unknown basis."""
    if not basis:
        return None
    if basis not in BASES:
        raise PeriodError(
            "Cách tính kỳ báo cáo phải là theo tháng dương lịch hoặc theo thời gian chốt số liệu."
        )
    return BASES[basis][1]


def parse(params, today: date) -> Period:
    """The period asked for in a query string (kind, year, number, from, to, basis), by
    default the current year; PeriodError on nonsense."""
    kind = params.get("kind") or "year"
    start_day = start_day_of(params.get("basis"))
    if kind == "custom":
        return custom(_date(params.get("from")), _date(params.get("to")))
    try:
        year = int(params.get("year") or today.year)
        number = int(params.get("number") or 1)
    except ValueError:
        raise PeriodError("Năm và kỳ báo cáo phải là số.") from None
    return period(kind, year, number, start_day=start_day)


def _date(text: str | None) -> date:
    try:
        return datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        try:
            return date.fromisoformat((text or "").strip())
        except ValueError:
            raise PeriodError("Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2022.") from None


def _label(kind: str, year: int, number: int) -> str:
    if kind == "month":
        return f"Tháng {number:02d} năm {year}"
    if kind == "quarter":
        return f"Quý {_ROMAN[number]} năm {year}"
    if kind == "half":
        return f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}"
    return f"Năm {year}"


def _month_after(first_of_month: date) -> date:
    return date(
        first_of_month.year + (first_of_month.month == 12), first_of_month.month % 12 + 1, 1
    )


def _month_before(first_of_month: date) -> date:
    return (first_of_month - timedelta(days=1)).replace(day=1)


def parse_month(text: str | None, today: date) -> date:
    """`2025-03` or `03/2025` as the month's first day; the previous month when empty.
    PeriodError when it is not a month."""
    text = (text or "").strip()
    if not text:
        return _month_before(today.replace(day=1))
    for separator, order in (("-", (0, 1)), ("/", (1, 0))):
        parts = text.split(separator)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = int(parts[order[0]]), int(parts[order[1]])
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return date(year, month, 1)
    raise PeriodError("Tháng phải có dạng mm/yyyy, ví dụ 03/2025.")
