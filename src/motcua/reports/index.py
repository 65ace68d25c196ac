"""The real-time service index of Decision 766/QĐ-TTg: 6 groups, 100 points, per agency
(its subtree) and month.

Each metric is a numerator over a denominator, a ratio, and points by the metric's formula
(`IndexMetric`, seeded from `data/index_766.toml`): ratio x its maximum, or against a
target (full points at the target, ratio / target x maximum below it). A metric with
nothing to measure (denominator 0) is not applicable: no points, and out of the maximum.
What the system knows is computed from the rollups (progress, online share, online
payments, electronic results, digitised documents, electronic certified copies, ratings:
satisfied when no answer is below "Hài lòng"); the rest is entered by an administrator
(`IndexInput`). The index applies from 23/06/2022 (docs/decisions/0064).

>>> index = service_index(commune, date(2022, 9, 1))
>>> [(s.metric.code, s.numerator, s.denominator) for s in index.scores][4]
('2.1', 262, 263)
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps

from motcua.catalog.models import OnlineLevel, Procedure
from motcua.dossiers.models import Channel
from motcua.interop.national_portal import synchronised_share
from motcua.org.models import Agency
from motcua.store.indicators import reused_dossiers

from .figures import flows, subtree_ids
from .models import COMPUTED_SOURCES, Formula, IndexInput, IndexMetric
from .periods import PeriodError
from .seed import read_data

_CENT = Decimal("0.01")

NOT_APPLICABLE = "Không áp dụng cấp xã"
NOTHING_TO_MEASURE = "Không phát sinh: không áp dụng"
NOT_ENTERED = "Chưa nhập số liệu"


@dataclass
class Score:
    metric: IndexMetric
    numerator: int | None
    denominator: int | None
    points: Decimal
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def applies(self) -> bool:
        """False when there was nothing to measure: the metric is out of the maximum."""
        return self.note != NOTHING_TO_MEASURE

    @property
    def maximum(self) -> Decimal:
        return self.metric.points if self.applies else Decimal(0)


@dataclass
class ServiceIndex:
    agency: Agency
    month: date
    scores: list[Score]

    @property
    def total(self) -> Decimal:
        return sum((s.points for s in self.scores), Decimal(0))

    @property
    def maximum(self) -> Decimal:
        """The points of the metrics that apply (100 when all do)."""
        return sum((s.maximum for s in self.scores), Decimal(0))

    @property
    def on_100(self) -> Decimal | None:
        """The total brought to a 100-point scale; None when nothing applies."""
        if not self.maximum:
            return None
        return (self.total * 100 / self.maximum).quantize(_CENT, ROUND_HALF_UP)

    def groups(self) -> list[tuple[int, str, Decimal, Decimal]]:
        """(group, name, points, maximum) per group."""
        groups: dict[int, list] = {}
        for score in self.scores:
            row = groups.setdefault(
                score.metric.group,
                [score.metric.group, score.metric.group_name, Decimal(0), Decimal(0)],
            )
            row[2] += score.points
            row[3] += score.maximum
        return [tuple(row) for row in groups.values()]


def effective_from() -> date:
    """The day the index applies from (Decision 766/QĐ-TTg, 23/06/2022), from the data."""
    return read_data()["effective_from"]


def _month_bounds(month: date) -> tuple[date, date]:
    """The month's days on which the index applies (from its effective date on);
    PeriodError for a month before it."""
    first = month.replace(day=1)
    after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    effective = effective_from()
    if after <= effective:
        raise PeriodError(
            f"Bộ chỉ số theo Quyết định số 766/QĐ-TTg áp dụng từ ngày {effective:%d/%m/%Y}."
        )
    return max(first, effective), after - timedelta(days=1)


def service_index(agency: Agency, month: date) -> ServiceIndex:
    """The index of `agency` (its subtree) for the month holding `month`."""
    return service_indexes(agency, [agency], month)[0]


def service_indexes(root: Agency, units: list[Agency], month: date) -> list[ServiceIndex]:
    """The index of each of `units` (agencies inside `root`'s subtree), in one pass."""
    first, last = _month_bounds(month)
    ids = subtree_ids(root)
    # One unit that is the root: no need to tell agencies apart.
    alone = [u.pk for u in units] == [root.pk]
    sums = flows(
        ids,
        first,
        last,
        ("procedure_id", "channel") if alone else ("agency_id", "procedure_id", "channel"),
        (
            "received",
            "early",
            "on_time",
            "late",
            "e_result",
            "e_documents",
            "with_fee",
            "paid_online",
            "rated",
            "satisfied",
        ),
    )
    paths = {} if alone else dict(Agency.objects.filter(pk__in=ids).values_list("pk", "path"))
    data = read_data()
    procedure_ids = {k[-2] for k in sums}
    full_online = set(
        Procedure.objects.filter(pk__in=procedure_ids, online_level=OnlineLevel.FULL).values_list(
            "pk", flat=True
        )
    )
    certified = set(
        Procedure.objects.filter(
            pk__in=procedure_ids, code__in=data.get("certified_copy_procedures", [])
        ).values_list("pk", flat=True)
    )
    metrics = list(IndexMetric.objects.all())
    inputs = {
        (i.metric_id, i.agency_id): i
        for i in IndexInput.objects.filter(agency__in=units, month=first)
    }
    commune_kinds = set(data.get("commune_kinds", []))
    result = []
    for unit in units:
        if alone:
            mine = {(root.pk, *key): row for key, row in sums.items()}
        else:
            inside = {pk for pk, path in paths.items() if path.startswith(unit.path)}
            mine = {key: row for key, row in sums.items() if key[0] in inside}
        figures = _figures(mine, full_online, certified) | _feedback_figures(unit, first, last)
        figures["national_sync"] = synchronised_share(unit, first, last)
        unit_ids = ids if alone else [pk for pk in ids if pk in inside]
        figures["reuse"] = (reused_dossiers(unit_ids, first, last), figures["progress"][1])
        is_commune = unit.kind.code in commune_kinds
        scores = [_score(m, figures, inputs.get((m.pk, unit.pk)), is_commune) for m in metrics]
        result.append(ServiceIndex(unit, month.replace(day=1), scores))
    return result


def _figures(sums: dict, full_online: set[int], certified: set[int]) -> dict:
    """(numerator, denominator) of every computed source (`models.COMPUTED_SOURCES`)."""
    total: dict[str, int] = defaultdict(int)
    online = [0, 0]
    copies = [0, 0]  # certified copies resolved with an electronic result, and all of them
    fee_procedures, paid_procedures = set(), set()
    for (_, procedure_id, channel), row in sums.items():
        for name, value in row.items():
            total[name] += value
        if procedure_id in full_online:
            online[1] += row["received"]
            online[0] += row["received"] if channel == Channel.ONLINE else 0
        if procedure_id in certified:
            copies[0] += row["e_result"]
            copies[1] += row["early"] + row["on_time"] + row["late"]
        if row["with_fee"]:
            fee_procedures.add(procedure_id)
        if row["paid_online"]:
            paid_procedures.add(procedure_id)
    resolved = total["early"] + total["on_time"] + total["late"]
    return {
        "progress": (total["early"] + total["on_time"], resolved),
        "online": tuple(online),
        "payment_procedures": (len(paid_procedures), len(fee_procedures)),
        "paid_online": (total["paid_online"], total["with_fee"]),
        "satisfaction": (total["satisfied"], total["rated"]),
        "e_result": (total["e_result"], resolved),
        "e_documents": (total["e_documents"], resolved),
        "certified_copies": tuple(copies),
    }


def _feedback_figures(unit: Agency, first: date, last: date) -> dict:
    """Feedback on administrative regulations, kept by the reform app (when installed)."""
    if not apps.is_installed("motcua.reform"):
        return {"feedback_on_time": (0, 0), "feedback_satisfaction": (0, 0)}
    from motcua.reform.feedback import feedback_figures

    figures = feedback_figures(unit, first, last)
    return {
        "feedback_on_time": figures["on_time"],
        "feedback_satisfaction": figures["satisfied"],
    }


def _score(
    metric: IndexMetric, figures: dict, entered: IndexInput | None, is_commune: bool
) -> Score:
    if is_commune and not metric.commune_applies:
        return Score(metric, None, None, metric.points, NOT_APPLICABLE)
    if metric.source in COMPUTED_SOURCES:
        numerator, denominator = figures[metric.source]
    elif entered is not None:
        numerator, denominator = entered.numerator, entered.denominator
    else:
        return Score(metric, None, None, Decimal(0), NOT_ENTERED)
    if not denominator:
        return Score(metric, numerator, denominator, Decimal(0), NOTHING_TO_MEASURE)
    ratio = Decimal(numerator) / Decimal(denominator)
    if metric.formula == Formula.TARGET and metric.target:
        ratio = min(Decimal(1), ratio / metric.target)
    points = (metric.points * ratio).quantize(_CENT, ROUND_HALF_UP)
    return Score(metric, numerator, denominator, points)
