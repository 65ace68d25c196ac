"""The periodic report of results (Biểu 06/VPCP/KSTT, Circular 01/2020/TT-VPCP).

For an agency's subtree and a period: rows by field, each with its procedures; columns
received (total; online; at the desk or by post; carried over), resolved (total; early; on
time; late), in progress at the end (total; within deadline; overdue; of which waiting for
the applicant, counted within), stopped after reception (total; refused after review;
withdrawn). Dossiers refused at reception (form 03) were never received: they are shown
apart and are not in "received". Every row keeps (docs/decisions/0062)

    received total = carried over + online + at the desk or by post
    received total = resolved + in progress + stopped
    resolved       = early + on time + late
    in progress    = within deadline + overdue      (waiting is an "of which" of within)
    carried over   = in progress at the end of the day before the period
                     + moved in - moved out during the period (a re-organisation)

A dossier moved to a successor by a re-organisation (docs/decisions/0120) is carried over
at the successor in the period of the move and leaves the former agency's carried over,
so a period's closing "in progress" is the next period's "carried over" less what moved
in that next period: exactly equal for a subtree holding both agencies.

>>> report = periodic_report(district, period("year", 2022), now)
>>> report.total.received_total, report.total.resolved, report.total.late
(3061, 3057, 22)
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Channel
from motcua.org.models import Agency

from .figures import Stock, flows, open_now, stocks, subtree_ids
from .lineage import by_today_ids, regrouped
from .periods import Period

_COUNTS = (
    "online",
    "desk",
    "carried",
    "early",
    "on_time",
    "late",
    "refused",
    "withdrawn",
    "rejected",
    "late_unapologised",
    "moved_in",
    "moved_out",
)
_FLOWS = (
    "received",
    "early",
    "on_time",
    "late",
    "refused",
    "withdrawn",
    "rejected",
    "late_unapologised",
    "moved_in",
    "moved_out",
)

# (attribute, column heading, group heading): the report's columns, in order.
COLUMNS = (
    ("received_total", "Tổng số", "Số hồ sơ nhận giải quyết"),
    ("online", "Trực tuyến", "Số hồ sơ nhận giải quyết"),
    ("desk", "Trực tiếp, dịch vụ bưu chính", "Số hồ sơ nhận giải quyết"),
    ("carried", "Từ kỳ trước chuyển sang", "Số hồ sơ nhận giải quyết"),
    ("resolved", "Tổng số", "Số hồ sơ đã giải quyết"),
    ("early", "Trước hạn", "Số hồ sơ đã giải quyết"),
    ("on_time", "Đúng hạn", "Số hồ sơ đã giải quyết"),
    ("late", "Quá hạn", "Số hồ sơ đã giải quyết"),
    ("in_progress", "Tổng số", "Số hồ sơ đang giải quyết"),
    ("within", "Trong hạn", "Số hồ sơ đang giải quyết"),
    ("overdue", "Quá hạn", "Số hồ sơ đang giải quyết"),
    ("waiting", "Trong đó: chờ bổ sung, hoàn thiện (đã tính trong hạn)", "Ghi chú"),
    ("stopped", "Tổng số", "Hồ sơ dừng giải quyết"),
    ("refused", "Từ chối giải quyết", "Hồ sơ dừng giải quyết"),
    ("withdrawn", "Rút hồ sơ", "Hồ sơ dừng giải quyết"),
    ("rejected", "Từ chối tiếp nhận (không tính vào số nhận)", "Ngoài số nhận"),
)


@dataclass
class Line:
    """One row: a field, a procedure, or the total."""

    code: str
    label: str
    online: int = 0
    desk: int = 0
    carried: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    refused: int = 0
    withdrawn: int = 0
    rejected: int = 0
    late_unapologised: int = 0  # of the late ones, returned without an apology
    moved_in: int = 0  # of the carried over, moved in by a re-organisation in the period
    moved_out: int = 0  # moved out by a re-organisation in the period (not carried over)
    end: Stock = field(default_factory=Stock)
    children: list["Line"] = field(default_factory=list)

    @property
    def received(self) -> int:
        """Received in the period (online, at the desk, by post)."""
        return self.online + self.desk

    @property
    def received_total(self) -> int:
        return self.received + self.carried

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def in_progress(self) -> int:
        return self.end.open

    @property
    def within(self) -> int:
        return self.end.within

    @property
    def overdue(self) -> int:
        return self.end.overdue

    @property
    def waiting(self) -> int:
        return self.end.waiting

    @property
    def stopped(self) -> int:
        """Received, then refused after review or withdrawn: neither resolved nor open."""
        return self.refused + self.withdrawn

    @property
    def on_time_rate(self) -> float | None:
        """Share resolved early or on time, None when nothing was resolved."""
        return (self.early + self.on_time) / self.resolved if self.resolved else None

    @property
    def balanced(self) -> bool:
        """The identities of the report hold for this row."""
        return (
            self.received_total == self.carried + self.online + self.desk
            and self.received_total == self.resolved + self.in_progress + self.stopped
            and self.resolved == self.early + self.on_time + self.late
            and self.in_progress == self.within + self.overdue
            and 0 <= self.waiting <= self.within
        )

    def values(self) -> list[int]:
        """The row's figures in `COLUMNS` order."""
        return [getattr(self, name) for name, _, _ in COLUMNS]

    def add(self, other: "Line") -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.end = self.end + other.end

    def is_empty(self) -> bool:
        return not any(self.values()) and not self.moved_in and not self.moved_out


@dataclass
class Report:
    agency: Agency
    period: Period
    as_of: datetime
    lines: list[Line]
    total: Line
    # By today's units (`lineage`): the ended agencies whose figures are added.
    by_today: bool = False
    regrouped: list[Agency] = field(default_factory=list)

    @property
    def live(self) -> bool:
        """True when the period is not over: "in progress" is counted now."""
        return self.as_of < _end_of(self.period.last)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 23, 59, 59, 999999))


def periodic_report(
    agency: Agency, period: Period, now: datetime, *, by_today: bool = False
) -> Report:
    """The periodic report of `agency`'s subtree for `period`, as known at `now`; with
    `by_today`, of its subtree as it is today, ended agencies counted under their
    successors (`lineage`)."""
    today = timezone.localtime(now).date()
    ids = by_today_ids(agency, today) if by_today else subtree_ids(agency)
    moved = flows(ids, period.first, period.last, ("procedure_id", "channel"), _FLOWS)
    carried = _stock(ids, period.previous_day(), today, now)
    end = _stock(ids, period.last, today, now)
    lines: dict[int, Line] = {}

    def line(procedure_id: int) -> Line:
        return lines.setdefault(procedure_id, Line("", ""))

    for (procedure_id, channel), sums in moved.items():
        row = line(procedure_id)
        if channel == Channel.ONLINE:
            row.online += sums["received"]
        else:
            row.desk += sums["received"]
        for name in _FLOWS[1:]:
            setattr(row, name, getattr(row, name) + sums[name])
        row.carried += sums["moved_in"] - sums["moved_out"]
    for (procedure_id,), stock in carried.items():
        line(procedure_id).carried += stock.open
    for (procedure_id,), stock in end.items():
        line(procedure_id).end = stock
    by_field = _group_by_field({pk: row for pk, row in lines.items() if not row.is_empty()})
    total = Line("", "Tổng cộng")
    for row in by_field:
        total.add(row)
    as_of = min(now, _end_of(period.last))
    added = regrouped(agency, today) if by_today else []
    return Report(agency, period, as_of, by_field, total, by_today, added)


def _stock(ids: list[int], day: date, today: date, now: datetime) -> dict[tuple, Stock]:
    """Stocks at the end of `day`; from today on, the open dossiers now."""
    if day >= today:
        return open_now(ids, now, ("procedure_id",))
    return stocks(ids, day, ("procedure_id",))


def _group_by_field(lines: dict[int, Line]) -> list[Line]:
    procedures = (
        Procedure.objects.filter(pk__in=lines)
        .select_related("field")
        .only("code", "name", "field__code", "field__name", "field__sort_key")
    )
    fields: dict[int, Line] = {}
    for procedure in sorted(procedures, key=lambda p: (p.field.sort_key, p.code)):
        row = lines[procedure.pk]
        row.code, row.label = procedure.code, procedure.name
        parent = fields.setdefault(
            procedure.field_id, Line(procedure.field.code, procedure.field.name)
        )
        parent.add(row)
        parent.children.append(row)
    return list(fields.values())
