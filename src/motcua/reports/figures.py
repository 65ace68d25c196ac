"""Sums over the rollups: flows in a period, stocks at the end of a day, open dossiers now.

Every report reads through these three functions. A flow is the sum of a measure over the
period's buckets (`buckets.cover`); a stock at the end of a day is a sum of flows from the
beginning; "now" is read from the open dossiers themselves (few, indexed by status), which
is what the live dashboard needs to the minute.

>>> flows(district.subtree_ids, date(2022, 1, 1), date(2022, 12, 31))[()]["received"]
3061
>>> stocks(district.subtree_ids, date(2022, 12, 31))[()].open
4
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Q, Sum

from motcua.dossiers.models import RECEIVED_OPEN_STATUSES, Dossier, Status
from motcua.org.models import Agency

from .buckets import BEGINNING, cover
from .models import MEASURES, Grain, Rollup

FINISHED = ("early", "on_time", "late", "refused", "withdrawn")
_STOCK_MEASURES = (
    "received",
    "moved_in",
    *FINISHED,
    "moved_out",
    "waiting_in",
    "waiting_out",
    "overdue_in",
    "overdue_out",
)


@dataclass(frozen=True)
class Stock:
    """Received dossiers not finished at a moment: overdue, or within their deadline; of the
    latter, some are waiting for the applicant (Biểu 06 counts them within, with a note)."""

    open: int = 0
    waiting: int = 0
    overdue: int = 0

    @property
    def within(self) -> int:
        """Within their deadline, the waiting ones included (their clock is stopped)."""
        return self.open - self.overdue

    def __add__(self, other: "Stock") -> "Stock":
        return Stock(
            self.open + other.open, self.waiting + other.waiting, self.overdue + other.overdue
        )


def subtree_ids(agency: Agency) -> list[int]:
    """Ids of the agency and every agency below it."""
    return list(agency.subtree().values_list("pk", flat=True))


def _covering(first: date, last: date) -> Q:
    condition = Q(pk__in=[])
    for grain, low, high in cover(first, last):
        condition |= Q(grain=grain, starts_on__gte=low, starts_on__lte=high)
    return condition


def _key(row: dict, by: tuple[str, ...]) -> tuple:
    return tuple(row[name] for name in by)


def flows(
    agency_ids: list[int],
    first: date,
    last: date,
    by: tuple[str, ...] = (),
    measures: tuple[str, ...] = MEASURES,
) -> dict[tuple, dict[str, int]]:
    """Sums of `measures` from `first` to `last` (both included) grouped by `by` (rollup
    columns: "agency_id", "procedure_id", "channel", "starts_on" with a one-grain cover)."""
    selected = Rollup.objects.filter(agency_id__in=agency_ids).filter(_covering(first, last))
    sums = {m: Sum(m) for m in measures}
    if not by:
        return {(): {m: value or 0 for m, value in selected.aggregate(**sums).items()}}
    rows = selected.values(*by).annotate(**sums).order_by()
    return {_key(row, by): {m: row[m] or 0 for m in measures} for row in rows}


def stocks(agency_ids: list[int], day: date, by: tuple[str, ...] = ()) -> dict[tuple, Stock]:
    """Open, waiting and overdue dossiers at the end of `day`, grouped by `by` (a dossier
    moved to another agency is open at the one holding it)."""
    sums = flows(agency_ids, BEGINNING, day, by, _STOCK_MEASURES)
    return {
        key: Stock(
            open=s["received"] + s["moved_in"] - s["moved_out"] - sum(s[m] for m in FINISHED),
            waiting=s["waiting_in"] - s["waiting_out"],
            overdue=s["overdue_in"] - s["overdue_out"],
        )
        for key, s in sums.items()
    }


_LIVE_KEYS = {
    "agency_id": "handling_agency_id",
    "procedure_id": "procedure_id",
    "channel": "channel",
}


def open_now(agency_ids: list[int], now: datetime, by: tuple[str, ...] = ()) -> dict[tuple, Stock]:
    """Open received dossiers at `now`, read from the dossiers: overdue when their legal
    deadline has passed (not while they wait for the applicant)."""
    columns = [_LIVE_KEYS[name] for name in by]
    rows = (
        Dossier.objects.filter(
            handling_agency_id__in=agency_ids,
            status__in=RECEIVED_OPEN_STATUSES,
            received_at__isnull=False,
        )
        .values(*columns)
        .annotate(
            open=Count("pk"),
            waiting=Count("pk", filter=Q(status=Status.WAITING_SUPPLEMENT)),
            overdue=Count("pk", filter=~Q(status=Status.WAITING_SUPPLEMENT) & Q(due_at__lt=now)),
        )
        .order_by()
    )
    return {
        tuple(row[c] for c in columns): Stock(row["open"], row["waiting"], row["overdue"])
        for row in rows
    }


def latest_day(agency: Agency, today: date) -> date | None:
    """The last day up to `today` on which `agency`'s subtree received a dossier: reports
    open on the period that holds it."""
    return (
        Rollup.objects.filter(agency_id__in=subtree_ids(agency), grain=Grain.DAY)
        .filter(starts_on__lte=today, received__gt=0)
        .aggregate(last=Max("starts_on"))["last"]
    )
