"""The real-time service index of Decision 766/QĐ-TTg: 6 groups, 100 points, per agency
(its subtree) and month.

Each metric is a numerator over a denominator, a ratio, and points = ratio x its maximum
(`IndexMetric`, seeded from `data/index_766.toml`). What the system knows is computed from
the rollups (progress, online share, online payments, electronic results, digitised
documents, ratings: satisfied when no answer is below "Hài lòng"); the rest is entered by an administrator (`IndexInput`).

>>> index = service_index(commune, date(2022, 3, 1))
>>> index.total, [(s.metric.code, s.numerator, s.denominator) for s in index.scores][4]
(Decimal('84.50'), ('2.1', 262, 263))
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
from .models import COMPUTED_SOURCES, IndexInput, IndexMetric
from .seed import read_data

_CENT = Decimal("0.01")

NOT_APPLICABLE = "Không áp dụng cấp xã"
NOTHING_TO_MEASURE = "Không phát sinh"
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
        return sum((s.metric.points for s in self.scores), Decimal(0))

    def groups(self) -> list[tuple[int, str, Decimal, Decimal]]:
        """(group, name, points, maximum) per group."""
        groups: dict[int, list] = {}
        for score in self.scores:
            row = groups.setdefault(
                score.metric.group,
                [score.metric.group, score.metric.group_name, Decimal(0), Decimal(0)],
            )
            row[2] += score.points
            row[3] += score.metric.points
        return [tuple(row) for row in groups.values()]


def _month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, after - timedelta(days=1)


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
    full_online = set(
        Procedure.objects.filter(
            pk__in={k[-2] for k in sums}, online_level=OnlineLevel.FULL
        ).values_list("pk", flat=True)
    )
    metrics = list(IndexMetric.objects.all())
    inputs = {
        (i.metric_id, i.agency_id): i
        for i in IndexInput.objects.filter(agency__in=units, month=first)
    }
    commune_kinds = set(read_data().get("commune_kinds", []))
    result = []
    for unit in units:
        if alone:
            mine = {(root.pk, *key): row for key, row in sums.items()}
        else:
            inside = {pk for pk, path in paths.items() if path.startswith(unit.path)}
            mine = {key: row for key, row in sums.items() if key[0] in inside}
        figures = _figures(mine, full_online) | _feedback_figures(unit, first, last)
        figures["national_sync"] = synchronised_share(unit, first, last)
        unit_ids = ids if alone else [pk for pk in ids if pk in inside]
        figures["reuse"] = (reused_dossiers(unit_ids, first, last), figures["progress"][1])
        is_commune = unit.kind.code in commune_kinds
        scores = [_score(m, figures, inputs.get((m.pk, unit.pk)), is_commune) for m in metrics]
        result.append(ServiceIndex(unit, first, scores))
    return result


def _figures(sums: dict, full_online: set[int]) -> dict:
    """(numerator, denominator) of every computed source (`models.COMPUTED_SOURCES`)."""
    total: dict[str, int] = defaultdict(int)
    online = [0, 0]
    fee_procedures, paid_procedures = set(), set()
    for (_, procedure_id, channel), row in sums.items():
        for name, value in row.items():
            total[name] += value
        if procedure_id in full_online:
            online[1] += row["received"]
            online[0] += row["received"] if channel == Channel.ONLINE else 0
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
        return Score(metric, numerator, denominator, metric.points, NOTHING_TO_MEASURE)
    points = (metric.points * numerator / denominator).quantize(_CENT, ROUND_HALF_UP)
    return Score(metric, numerator, denominator, points)
