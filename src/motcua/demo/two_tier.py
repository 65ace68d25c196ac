"""The demo lives through 1/7/2025 (docs/two-tier.md): a few dossiers received at the former
units in the last days of June 2025 and still open, the re-organisation of the district
into the new communes (`data/reorganisation-2025.toml`, recorded and applied by
`motcua.org.reorganise` with the transfer events at 1/7/2025 00:00), the new centres' staff
(`data/staff-2025.toml`), then the new communes' work from 1/7/2025 to today.

Today is `timezone.localdate()`: the demo works whatever day it runs. The new communes'
dossiers are lived like the 2022 year (`history.live` through the bulk writer): received at
a commune's desk (its Trung tâm Phục vụ hành chính công, in the name of the UBND xã, as the
2022 district's desk received in the district's) and handled there, a share online, some
late, some waiting for a supplement, some still open today; and some received at one
commune's desk for the commune the applicant lives in, which handles them (boundary-free,
Nghị định 118/2025/NĐ-CP). The June dossiers moved by the plan are finished
in July by the staff now in charge, through the lifecycle itself.

>>> generate()
{'created': 12, 'ended': 23, 'moved': 11, 'received': 2852, 'online': 1014, 'boundary_free': 152, ...}
"""

import contextlib
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    Outcome,
    Status,
)
from motcua.org import reorganise
from motcua.org.models import Agency, Reorganisation, Role
from motcua.org.plans import read_plan
from motcua.ui.templatetags.vn import vndate, vnnumber
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from . import history, loader
from .history_writer import BulkLifecycle

SEED = 20250701
PLAN = loader.DATA / "reorganisation-2025.toml"
STAFF = "staff-2025.toml"
PROVINCE = "000.00.00.H56"
# Each new commune, with its share of the dossiers: xã Tân Biên (the former district seat
# and thị trấn) the busiest, xã Tân Lập next.
COMMUNES = {
    "000.00.72.H56": 30,
    "000.00.71.H56": 20,
    "000.00.73.H56": 14,
    "000.00.74.H56": 14,
    "000.00.75.H56": 12,
    "000.00.67.H56": 10,
}
PER_WORKING_DAY = 8  # dossiers a working day over the six communes
MOST = 3200  # past this (the demo run years after 2026), fewer a day: `motcua demo` stays fast
FORMER_DISTRICT_SHARE = 0.25  # household businesses, land, building permits: communes' since 2025
# Procedures the province receives regardless of boundary: the six the demo catalog marks
# `boundary_free` (decision 0121: certified copies and signatures, birth and death
# registration, marital status, civil status extracts; Tây Ninh's list was not found:
# UNCONFIRMED).
BOUNDARY_FREE = ("2.000815", "2.000884", "1.001193", "1.000656", "1.004873", "2.000635")
BOUNDARY_FREE_SHARE = 0.1
ONLINE_SHARE = {"full": 0.55, "partial": 0.2, "none": 0.0}
LATE_SHARE = 0.008
SUPPLEMENT_SHARE = 0.05
# Supplements asked in the last weeks: some applicants have not come back yet.
RECENT_SUPPLEMENT_SHARE = 0.3
RECENT_DAYS = 15
# The dossiers received at the former units in the last days of June 2025, still open on
# 30/6/2025: (unit, procedure, day, the applicant's hamlet and commune, in huyện Tân Biên).
# The plan moves them by merge, or by the applicant's residence (split units, the district
# and its departments).
JUNE = [
    ("000.22.21.H56", "1.004859", 27, "Ấp Thạnh Phú, xã Tân Lập"),
    ("000.23.21.H56", "1.004873", 30, "Ấp Thạnh Hưng, xã Thạnh Bắc"),
    ("000.21.21.H56", "1.004884", 27, "Khu phố 1, thị trấn Tân Biên"),
    ("000.27.21.H56", "1.004873", 30, "Ấp Hòa Đông A, xã Hòa Hiệp"),
    ("000.29.21.H56", "1.004859", 30, "Ấp Trảng Trâm, xã Mỏ Công"),
    ("000.29.21.H56", "1.004884", 27, "Ấp Suối Ông Đình, xã Mỏ Công"),
    ("000.30.21.H56", "1.004873", 30, "Ấp Trà Sim, xã Trà Vong"),
    ("000.28.21.H56", "1.004859", 30, "Ấp Tân Hòa, xã Tân Phong"),
    (history.DISTRICT, "1.013225", 24, "Ấp Thạnh Hòa, xã Thạnh Bình"),
    (history.DISTRICT, "1.012753", 20, "Khu phố 3, thị trấn Tân Biên"),
    (history.DISTRICT, "1.001612", 30, "Ấp Hòa Bình, xã Hòa Hiệp"),
]


class Unfinished(Exception):
    """A step of a dossier's story falls after the moment the story is told up to."""


@dataclass
class Until:
    """A lifecycle driver that takes the steps up to `moment` and stops there: the dossier
    stays as that moment finds it (in progress, waiting for a supplement)."""

    driver: object
    moment: datetime

    def __getattr__(self, name: str):
        step = getattr(self.driver, name)

        def take(*args, at: datetime, **kwargs):
            if at > self.moment:
                raise Unfinished(name)
            return step(*args, at=at, **kwargs)

        return take


def live_until(moment: datetime, planned, rng, staff, calendar, writer) -> None:
    """Live a planned dossier through `writer` up to `moment`; it stays as `moment` finds it."""
    with contextlib.suppress(Unfinished):
        history.live(planned, rng, staff, calendar, Until(writer, moment))


def exists() -> bool:
    return Reorganisation.objects.filter(name=read_plan(PLAN)["name"]).exists()


@transaction.atomic
def generate(seed: int = SEED, now: datetime | None = None) -> dict[str, int] | None:
    """June 2025, the re-organisation, the new communes' work until `now`; None (and nothing
    changed) when the demo has lived it already."""
    if exists():
        return None
    now = now or timezone.now()
    rng = random.Random(seed)
    plan = read_plan(PLAN)
    june = receive_in_june(rng)
    done = reorganise.apply(
        reorganise.record(plan, source=PLAN.name), at=reorganise.start_of(plan["effective"])
    )
    loader.load_staff(STAFF)
    staff = history.Staff(Agency.objects.get(code=PROVINCE))
    calendar = calendar_for(Agency.objects.get(code=PROVINCE))
    for dossier in june:
        finish_in_july(rng, dossier, staff, calendar)
    writer = BulkLifecycle()
    for planned in plan_since(rng, plan["effective"], now, calendar):
        live_until(now, planned, rng, staff, calendar, writer)
    writer.flush()
    desk_today(rng, now, staff, calendar)
    return {
        "created": len(done.outcome["created"]),
        "ended": len(done.outcome["ended"]),
        "moved": done.outcome["dossiers_moved"],
        **tally(plan["effective"]),
    }


# Boundary-free dossiers received on the last working day before today, through the
# lifecycle itself, so that the desks have paper hand-overs to send and to receive:
# (receiving commune, procedure, the applicant's address (under the former units for the
# first), papers sent).
DESK_TODAY = (
    ("000.00.74.H56", "2.000815", "Ấp Hòa Bình, xã Hòa Hiệp, huyện Tân Biên, tỉnh Tây Ninh", False),
    ("000.00.72.H56", "1.001193", "Ấp Suối Ông Đình, xã Trà Vong, tỉnh Tây Ninh", True),
)


def desk_today(
    rng: random.Random, now: datetime, staff: history.Staff, calendar: engine.Calendar
) -> None:
    """The hand-overs under way at the desks today (DESK_TODAY)."""
    day = timezone.localdate(now) - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    for code, procedure_code, address, sent in DESK_TODAY:
        desk = Agency.objects.get(code=code)
        procedure = Procedure.objects.get(code=procedure_code)
        at = history._moment(rng, day, calendar)
        receiver = staff(Role.RECEIVER, desk)
        dossier = lifecycle.receive(
            actor=receiver,
            procedure=procedure,
            agency=desk,
            applicant=Applicant(
                kind="individual",
                name=f"{rng.choice(history.FAMILY)} {rng.choice(history.MIDDLE)} "
                f"{rng.choice(history.GIVEN)}",
                id_number=f"072{rng.randrange(10**9):09d}",
                address=address,
            ),
            documents_received=history._documents(procedure),
            at=at,
        )
        lifecycle.forward(dossier, actor=receiver, at=at + timedelta(minutes=5))
        if sent:
            lifecycle.send_originals(dossier, actor=receiver, at=at + timedelta(minutes=20))


def describe(result: dict[str, int] | None) -> str:
    """One line for `motcua demo` about what `generate` did."""
    if result is None:
        return "Sắp xếp đơn vị hành chính 01/07/2025 và hồ sơ từ đó đến nay: đã có, giữ nguyên."
    n = {key: vnnumber(value) for key, value in result.items()}
    return (
        f"Sắp xếp đơn vị hành chính 01/07/2025: {n['created']} cơ quan mới, {n['ended']} cơ "
        f"quan kết thúc, {n['moved']} hồ sơ chuyển cơ quan. Hồ sơ từ 01/07/2025 đến "
        f"{vndate(timezone.localdate())}: tiếp nhận {n['received']} (trực tuyến {n['online']}, "
        f"không phụ thuộc địa giới {n['boundary_free']}), trễ hạn {n['late']}, đang giải "
        f"quyết {n['open']} (chờ bổ sung {n['waiting']})."
    )


def tally(effective: date) -> dict[str, int]:
    """What the new communes show: the dossiers their desks received since the
    re-organisation."""
    received = Dossier.objects.filter(
        received_at__gte=reorganise.start_of(effective), receiving_agency__code__in=COMMUNES
    )
    return {
        "received": received.count(),
        "online": received.filter(channel=Channel.ONLINE).count(),
        "boundary_free": received.exclude(handling_agency=F("receiving_agency")).count(),
        "late": received.filter(outcome=Outcome.LATE).count(),
        "open": received.filter(status__in=OPEN_STATUSES).count(),
        "waiting": received.filter(status=Status.WAITING_SUPPLEMENT).count(),
    }


# ---------------------------------------------------------------- June 2025 and July


def receive_in_june(rng: random.Random) -> list[Dossier]:
    """The June dossiers, received and handed to their handler; still open on 30/6/2025."""
    district = Agency.objects.get(code=history.DISTRICT)
    calendar = calendar_for(district)
    staff = history.Staff(district)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[j[0] for j in JUNE])}
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[j[1] for j in JUNE])}
    departments = {
        a.code: a for a in Agency.objects.filter(code__in=history.DEPARTMENT_FOR_FIELD.values())
    }
    writer = BulkLifecycle()
    for code, procedure_code, day, place in JUNE:
        agency, procedure = agencies[code], procedures[procedure_code]
        handling = agency
        if code == history.DISTRICT:
            handling = departments[history.DEPARTMENT_FOR_FIELD[procedure.field.code]]
        received = history._moment(rng, date(2025, 6, day), calendar)
        planned = history.Plan(
            agency=agency,
            handling=handling,
            procedure=procedure,
            channel=Channel.COUNTER,
            received=received,
            target="in_time",
            documents=history._documents(procedure),
            address=f"{place}, huyện Tân Biên, tỉnh Tây Ninh",
            last_return=None,
        )
        # Received and handed to the handler: the plan finds them there.
        live_until(received + timedelta(hours=1), planned, rng, staff, calendar, writer)
    writer.flush()
    return list(
        Dossier.objects.filter(received_at__gte=datetime(2025, 6, 1, tzinfo=engine.VIETNAM_TZ))
    )


def finish_in_july(rng: random.Random, dossier: Dossier, staff, calendar) -> Dossier:
    """A dossier the plan moved, finished in time by the staff of the commune now in charge,
    through the lifecycle (the dossier is in the database already)."""
    dossier = Dossier.objects.select_related("receiving_agency", "handling_agency").get(
        pk=dossier.pk
    )
    start = calendar.next_working_moment(reorganise.start_of(date(2025, 7, 1))) + timedelta(
        minutes=rng.randrange(30, 180)
    )
    finish = history._between(start, dossier.due_at, 0.3 + 0.6 * rng.random(), calendar)
    planned = history.Plan(
        agency=dossier.receiving_agency,
        handling=dossier.handling_agency,
        procedure=dossier.procedure,
        channel=dossier.channel,
        received=dossier.received_at,
        target="in_time",
        documents=[],
    )
    return history._resolve(dossier, planned, staff, start, finish, calendar, lifecycle)


# ---------------------------------------------------------------- since 1/7/2025


def plan_since(
    rng: random.Random, effective: date, now: datetime, calendar: engine.Calendar
) -> list[history.Plan]:
    """The new communes' dossiers from `effective` to `now`, in reception order."""
    communes = list(Agency.objects.filter(code__in=COMMUNES))
    weights = [COMMUNES[commune.code] for commune in communes]
    mixes = {**history.COMMUNE_MIX, **history.DISTRICT_MIX}
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=mixes)}
    documents = {code: history._documents(p) for code, p in procedures.items()}
    days, day = [], effective
    while day <= timezone.localdate(now):
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    if not days:
        return []
    recent = days[-RECENT_DAYS] if len(days) >= RECENT_DAYS else days[0]
    count = min(PER_WORKING_DAY * len(days), MOST)
    day_weights = [history.MONTH_WEIGHTS[d.month - 1] for d in days]
    plans = []
    for day in rng.choices(days, weights=day_weights, k=count):
        desk = home = rng.choices(communes, weights=weights)[0]
        mix = history.DISTRICT_MIX if rng.random() < FORMER_DISTRICT_SHARE else history.COMMUNE_MIX
        code = rng.choices(list(mix), weights=list(mix.values()))[0]
        if code in BOUNDARY_FREE and rng.random() < BOUNDARY_FREE_SHARE:
            home = rng.choice([c for c in communes if c != home])
        procedure = procedures[code]
        online = rng.random() < ONLINE_SHARE[procedure.online_level]
        received = history._moment(rng, day, calendar)
        if received > now - timedelta(hours=1):
            continue
        slow = procedure.time_quantity > 0
        supplement = SUPPLEMENT_SHARE if day < recent else RECENT_SUPPLEMENT_SHARE
        plans.append(
            history.Plan(
                agency=desk,
                handling=home,
                procedure=procedure,
                channel=Channel.ONLINE if online else Channel.COUNTER,
                received=received,
                target="late" if slow and rng.random() < LATE_SHARE else "in_time",
                documents=documents[code],
                supplement=slow and rng.random() < supplement,
                home=f"xã {home.place_name}, tỉnh Tây Ninh",
                last_return=None,
            )
        )
    for n, planned in enumerate(p for p in plans if p.target == "late"):
        planned.apology = n % 3 != 2
    plans.sort(key=lambda p: p.received)
    return plans
