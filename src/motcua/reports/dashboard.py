"""The dashboard of leaders and reporters: rates over time and by unit, what is late, who
carries the work, what falls due soon.

Rates over a period come from the rollups (month rows for the series); workload and due
soon are read from the open dossiers now.

>>> board = dashboard(district, period("year", 2022), now)
>>> board.months[0].on_time_rate
0.991
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from motcua.catalog.models import Procedure
from motcua.dossiers.models import RECEIVED_OPEN_STATUSES, Channel, Dossier, Status
from motcua.org.models import Agency, Role
from motcua.rules.online import unaccepted
from motcua.text import sort_key
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .figures import flows, subtree_ids
from .lineage import children_during
from .models import Grain, Rollup, StepRollup
from .periods import Period

_RATES = ("received", "early", "on_time", "late")
TOP = 10
UNACCEPTED = "Hồ sơ trực tuyến chờ tiếp nhận"
# "Due soon": the legal deadline falls within this many working days from now.
DUE_SOON_DAYS = 2


@dataclass
class Rates:
    """Received (of which online) and resolved (early, on time, late) for one row."""

    label: str
    received: int = 0
    online: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    code: str = ""

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return (self.early + self.on_time) / self.resolved if self.resolved else None

    @property
    def late_rate(self) -> float | None:
        return self.late / self.resolved if self.resolved else None

    @property
    def online_share(self) -> float | None:
        return self.online / self.received if self.received else None

    def add(self, sums: dict, channel: str) -> None:
        self.received += sums["received"]
        if channel == Channel.ONLINE:
            self.online += sums["received"]
        self.early += sums["early"]
        self.on_time += sums["on_time"]
        self.late += sums["late"]


@dataclass
class LateStep:
    procedure: str
    step: str
    done: int
    late: int

    @property
    def late_rate(self) -> float:
        return self.late / self.done if self.done else 0.0


@dataclass
class Load:
    """Open dossiers of one person (or of nobody yet, at one step's role and agency)."""

    label: str
    open: int
    overdue: int
    waiting: int
    due_soon: int


@dataclass
class Dashboard:
    agency: Agency
    period: Period
    now: datetime
    months: list[Rates]
    by_agency: list[Rates]
    by_field: list[Rates]
    by_procedure: list[Rates]
    late_procedures: list[Rates]
    late_steps: list[LateStep]
    workload: list[Load]
    due_soon: list[Dossier] = field(default_factory=list)


def dashboard(agency: Agency, period: Period, now: datetime) -> Dashboard:
    """The dashboard of `agency`'s subtree over `period`, live parts at `now`."""
    ids = subtree_ids(agency)
    by_key = flows(ids, period.first, period.last, ("agency_id", "procedure_id", "channel"), _RATES)
    procedures = (
        Procedure.objects.filter(pk__in={k[1] for k in by_key})
        .select_related("field")
        .only("code", "name", "field__code", "field__name")
    )
    procedures = {p.pk: p for p in procedures}
    units = _units(agency, period)
    paths = dict(Agency.objects.filter(pk__in={k[0] for k in by_key}).values_list("pk", "path"))
    agencies: dict[int, Rates] = {}
    fields: dict[int, Rates] = {}
    per_procedure: dict[int, Rates] = {}
    unit_of = {pk: _unit_of(path, units) for pk, path in paths.items()}
    for (agency_id, procedure_id, channel), sums in by_key.items():
        if not any(sums.values()):  # e.g. only dossiers moved out on the period's first day
            continue
        unit = unit_of[agency_id]
        agencies.setdefault(unit.pk, Rates(str(unit), code=unit.code)).add(sums, channel)
        procedure = procedures[procedure_id]
        fields.setdefault(
            procedure.field_id, Rates(procedure.field.name, code=procedure.field.code)
        ).add(sums, channel)
        per_procedure.setdefault(procedure_id, Rates(procedure.name, code=procedure.code)).add(
            sums, channel
        )
    ranked = sorted(per_procedure.values(), key=lambda r: (-r.received, r.code))
    late = sorted(
        (r for r in per_procedure.values() if r.late),
        key=lambda r: (-r.late, -(r.late_rate or 0), r.code),
    )
    soon = engine.due(now, DUE_SOON_DAYS, engine.WORKING_DAYS, calendar_for(agency))
    return Dashboard(
        agency=agency,
        period=period,
        now=now,
        months=monthly(ids, period.first, period.last),
        by_agency=sorted(agencies.values(), key=lambda r: sort_key(r.label)),
        by_field=sorted(fields.values(), key=lambda r: (-r.received, sort_key(r.label))),
        by_procedure=ranked[:TOP],
        late_procedures=late[:TOP],
        late_steps=late_steps(ids, period.first, period.last),
        workload=workload(ids, now, soon),
        due_soon=list(
            Dossier.objects.filter(
                handling_agency_id__in=ids,
                status__in=RECEIVED_OPEN_STATUSES,
                received_at__isnull=False,
                due_at__gte=now,
                due_at__lte=soon,
            )
            .exclude(status=Status.WAITING_SUPPLEMENT)
            .select_related("procedure", "handling_agency", "assignee")
            .order_by("due_at", "pk")[:20]
        ),
    )


def _units(agency: Agency, period: Period) -> list[Agency]:
    """The rows "by agency": the agency's children in force during the period (itself for
    what it handles directly)."""
    return [agency, *children_during(agency, period.first, period.last)]


def _unit_of(path: str, units: list[Agency]) -> Agency:
    return max((u for u in units if path.startswith(u.path)), key=lambda u: len(u.path))


def monthly(ids: list[int], first: date, last: date) -> list[Rates]:
    """Rates of each calendar month touched by `first`..`last`, from the month rows."""
    rows = (
        Rollup.objects.filter(
            agency_id__in=ids,
            grain=Grain.MONTH,
            starts_on__gte=first.replace(day=1),
            starts_on__lte=last,
        )
        .values("starts_on", "channel")
        .annotate(**{m: Sum(m) for m in _RATES})
        .order_by()
    )
    months: dict[date, Rates] = {}
    month = first.replace(day=1)
    while month <= last:
        months[month] = Rates(f"{month:%m/%Y}")
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    for row in rows:
        months[row["starts_on"]].add(row, row["channel"])
    return list(months.values())


def late_steps(ids: list[int], first: date, last: date) -> list[LateStep]:
    """The internal steps most often handed over after their deadline (months touched)."""
    rows = (
        StepRollup.objects.filter(
            agency_id__in=ids, month__gte=first.replace(day=1), month__lte=last
        )
        .values("procedure_id", "step")
        .annotate(done=Sum("done"), late=Sum("late"))
        .filter(late__gt=0)
        .order_by("-late", "procedure_id", "step")[:TOP]
    )
    procedures = {
        p.pk: p
        for p in Procedure.objects.filter(
            pk__in={r["procedure_id"] for r in rows}
        ).prefetch_related("steps")
    }
    result = []
    for row in rows:
        procedure = procedures[row["procedure_id"]]
        steps = list(procedure.steps.all())
        name = steps[row["step"]].name if row["step"] < len(steps) else f"Bước {row['step'] + 1}"
        result.append(LateStep(procedure.name, name, row["done"], row["late"]))
    return result


def workload(ids: list[int], now: datetime, soon: datetime) -> list[Load]:
    """Open dossiers per assignee; those nobody took yet, per role and agency."""
    running = ~Q(status=Status.WAITING_SUPPLEMENT)
    rows = (
        Dossier.objects.filter(
            handling_agency_id__in=ids, status__in=RECEIVED_OPEN_STATUSES, received_at__isnull=False
        )
        .values("assignee_id", "current_role", "current_agency_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=running & Q(due_at__lt=now)),
            waiting=Count("pk", filter=Q(status=Status.WAITING_SUPPLEMENT)),
            due_soon=Count("pk", filter=running & Q(due_at__gte=now, due_at__lte=soon)),
        )
        .order_by()
    )
    users = get_user_model().objects.in_bulk({r["assignee_id"] for r in rows if r["assignee_id"]})
    agencies = Agency.objects.in_bulk(
        {r["current_agency_id"] for r in rows if r["current_agency_id"]}
    )
    roles = dict(Role.choices)
    loads: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        if row["assignee_id"]:
            user = users[row["assignee_id"]]
            label = user.get_full_name() or user.get_username()
        else:
            place = agencies.get(row["current_agency_id"])
            label = f"Chưa giao: {roles.get(row['current_role'], 'chờ bổ sung')}" + (
                f" · {place}" if place else ""
            )
        load = loads[label]
        for i, name in enumerate(("open", "overdue", "waiting", "due_soon")):
            load[i] += row[name]
    result = sorted(
        (Load(label, *values) for label, values in loads.items()), key=lambda x: (-x.open, x.label)
    )
    # Online submissions the desk has not accepted yet, overdue past their acceptance time.
    submitted, late = unaccepted(ids, now)
    if submitted:
        result.append(Load(UNACCEPTED, submitted, late, 0, 0))
    return result
