"""The PAR index sub-criteria the system can measure from its own data, for an agency's
subtree and a year: a numerator over a denominator, scored as ratio x maximum points.

Documents handled on time come from the e-office registers
(`eoffice.queries.handled_on_time`).

>>> measure(Measure.ON_TIME, district, 2022)
Measured(numerator=3035, denominator=3057, note='3.035/3.057 hồ sơ giải quyết trước hạn, đúng hạn')
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Channel
from motcua.eoffice.queries import handled_on_time
from motcua.org.models import Agency
from motcua.reports.figures import flows, subtree_ids
from motcua.reports.index import effective_from, service_index
from motcua.reports.periods import period
from motcua.ui.templatetags.vn import vnnumber

from .models import Measure

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Measured:
    numerator: Decimal | int
    denominator: Decimal | int
    note: str

    def points(self, maximum: Decimal) -> Decimal:
        """Ratio x maximum; nothing to measure ("không phát sinh") earns the full points, as
        provincial PAR index guidance commonly scores a sub-criterion with nothing arising in
        the year (UNCONFIRMED for every province: the assessor can change the self-score).
        Decision 766's service index differs: there it is not applicable (reports.index)."""
        if not self.denominator:
            return maximum
        return (maximum * Decimal(self.numerator) / Decimal(self.denominator)).quantize(
            _CENT, ROUND_HALF_UP
        )


def measure(kind: str, agency: Agency, year: int, *, today: date | None = None) -> Measured | None:
    """The figure of `kind` (a `Measure`) for `agency`'s subtree in `year`; None when the
    system has no source for it."""
    first, last = period("year", year).first, period("year", year).last
    if kind == Measure.ON_TIME:
        total = flows(subtree_ids(agency), first, last, (), ("early", "on_time", "late"))[()]
        good = total["early"] + total["on_time"]
        resolved = good + total["late"]
        return Measured(
            good, resolved, f"{_n(good)}/{_n(resolved)} hồ sơ giải quyết trước hạn, đúng hạn"
        )
    if kind == Measure.ONLINE:
        rows = flows(subtree_ids(agency), first, last, ("channel",), ("received",))
        received = sum(row["received"] for row in rows.values())
        online = sum(row["received"] for key, row in rows.items() if key[0] == Channel.ONLINE)
        return Measured(online, received, f"{_n(online)}/{_n(received)} hồ sơ nộp trực tuyến")
    if kind == Measure.PUBLISHED:
        kinds = Agency.objects.filter(path__startswith=agency.path).values("kind")
        procedures = Procedure.objects.filter(active=True, agency_kinds__in=kinds).distinct()
        published = procedures.filter(versions__isnull=False).distinct().count()
        total = procedures.count()
        return Measured(published, total, f"{_n(published)}/{_n(total)} thủ tục được công khai")
    if kind == Measure.INDEX_766:
        return _index_766(agency, year, today or date.today())
    if kind == Measure.FEEDBACK:
        from .feedback import feedback_figures

        on_time, handled = feedback_figures(agency, first, last)["on_time"]
        return Measured(
            on_time, handled, f"{_n(on_time)}/{_n(handled)} phản ánh, kiến nghị xử lý đúng hạn"
        )
    if kind == Measure.DOCUMENTS:
        return _documents(agency, first, last)
    raise ValueError(f"unknown measure {kind!r}")


def _index_766(agency: Agency, year: int, today: date) -> Measured:
    """The mean of the monthly indices of the year's months that have begun (of 100), from
    the month the index took effect."""
    applies = effective_from().replace(day=1)
    months = [date(year, m, 1) for m in range(1, 13) if applies <= date(year, m, 1) <= today]
    if not months:
        return Measured(0, 0, "Chưa có tháng nào")
    totals = [service_index(agency, month).total for month in months]
    mean = (sum(totals, Decimal(0)) / len(totals)).quantize(_CENT, ROUND_HALF_UP)
    note = f"bình quân {len(totals)} tháng: {str(mean).replace('.', ',')}/100 điểm"
    return Measured(mean, Decimal(100), note)


def _documents(agency: Agency, first: date, last: date) -> Measured:
    on_time, handled = handled_on_time(agency, first, last)
    return Measured(on_time, handled, f"{_n(on_time)}/{_n(handled)} văn bản xử lý đúng hạn")


def _n(value: int) -> str:
    return vnnumber(value)
