"""The demo district's year 2022, lived through the lifecycle: what its reports show is what
the seed story reports (DOMAIN.md section 1).

3,061 dossiers received in 2022 at the district's one-stop desk and its ten communes, 3,035
resolved early or on time, 22 late (most with a form 04 apology), 4 still in progress at
31/12/2022 17:00 (resolved in the first days of 2023); some waited for a supplement, some
were refused at reception (form 03, not received). Receptions fall on working days of the
2022 calendar only, in office hours; commune desks mostly register civil status and certify
copies, the district's desk mostly household businesses, land and building permits; a share
of the procedures offered online come online. A fixed seed makes every run identical.

Every dossier is created and moved at its historical moment (`at=`) by the lifecycle's own
steps (`motcua.dossiers.lifecycle.steps`), run by the bulk writer (`history_writer`) that
keeps the rows in memory and inserts them in batches; `live` takes either that writer or
the lifecycle itself, and a test proves both write the same rows. The actors are the demo's
staff: the staff of staff.toml who hold the role there, and for the communes staff.toml
gives no handler, one handler account created here. Applicants of the
history have no phone or e-mail, so no message is queued for events of 2022. The demo goes on
through the re-organisation of 1/7/2025 to today in `two_tier`, with the same steps.

>>> generate()
{'received': 3061, 'early_or_on_time': 3035, 'late': 22, 'open_at_year_end': 4, ...}
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.catalog.models import Procedure
from motcua.catalog.services import current_version
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import Channel, Delivery, Dossier, EventKind, Outcome
from motcua.org.access import may
from motcua.org.models import Agency, Role, RoleAssignment, StaffProfile
from motcua.rules.lookup import rule_set_at
from motcua.ui.templatetags.vn import vnnumber
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .history_writer import BulkLifecycle

SEED = 20220101
YEAR = 2022
DISTRICT = "000.00.21.H56"
RECEIVED = 3061
LATE = 22
OPEN_AT_YEAR_END = 4
APOLOGISED = 16  # of the late ones
REJECTED = 37  # refused at reception (form 03): not received, not in the 3,061
SUPPLEMENT_SHARE = 0.05
COMMUNE_SHARE = 0.69
# thị trấn Tân Biên is the largest unit, xã Tân Lập the next; the other eight alike.
COMMUNE_WEIGHTS = {"000.21.21.H56": 18, "000.22.21.H56": 12}
OTHER_COMMUNE_WEIGHT = 8.75
# Procedure mixes (weights) at a commune desk and at the district's desk.
COMMUNE_MIX = {
    "2.000815": 28,  # chứng thực bản sao
    "1.001193": 18,  # khai sinh
    "1.004873": 10,  # xác nhận tình trạng hôn nhân
    "2.000635": 10,  # trích lục hộ tịch
    "2.000884": 8,  # chứng thực chữ ký
    "1.000656": 6,  # khai tử
    "1.000894": 6,  # kết hôn
    "2.001035": 5,  # chứng thực hợp đồng
    "1.004859": 3,  # cải chính hộ tịch
    "1.004884": 2,  # đăng ký lại khai sinh
    "1.001653": 1,
    "1.000954": 1,
    "2.000950": 1,
    "1.012812": 1,
}
DISTRICT_MIX = {
    "1.001612": 30,  # thành lập hộ kinh doanh
    "2.000720": 15,
    "1.001570": 5,
    "1.001266": 5,
    "1.012753": 12,  # cấp giấy chứng nhận quyền sử dụng đất
    "1.013992": 4,
    "1.013225": 10,  # giấy phép xây dựng
    "1.013227": 3,
    "1.001776": 6,  # trợ cấp xã hội
    "2.000620": 3,
    "2.000633": 2,
    "2.000748": 2,
    "2.000806": 1,
    "2.000815": 2,
}
# The department of the district that handles each field.
DEPARTMENT_FOR_FIELD = {
    "HKD": "000.04.21.H56",
    "XD": "000.05.21.H56",
    "LTHH": "000.05.21.H56",
    "DD": "000.06.21.H56",
    "BTXH": "000.07.21.H56",
    "NCC": "000.07.21.H56",
    "HT": "000.03.21.H56",
    "CT": "000.03.21.H56",
}
ONLINE_SHARE = {"full": 0.32, "partial": 0.1, "none": 0.0}
EARLY_SHARE = 0.6
# Busier before Tết and at the end of the year, quieter in the Tết month.
MONTH_WEIGHTS = (1.1, 0.7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 1.0, 1.05, 1.15)
# Handlers for the communes whose handler staff.toml does not list (demo accounts).
EXTRA_HANDLERS = {
    "000.23.21.H56": ("thuly.thanhbac", "Lê Văn Nhân"),
    "000.24.21.H56": ("thuly.tanbinh", "Nguyễn Thị Kim Thoa"),
    "000.25.21.H56": ("thuly.thanhbinh", "Phạm Văn Lộc"),
    "000.26.21.H56": ("thuly.thanhtay", "Trần Thị Mỹ Hạnh"),
    "000.27.21.H56": ("thuly.hoahiep", "Võ Minh Tuấn"),
    "000.28.21.H56": ("thuly.tanphong", "Huỳnh Thị Ngọc Ánh"),
    "000.29.21.H56": ("thuly.mocong", "Đặng Văn Hậu"),
    "000.30.21.H56": ("thuly.travong", "Nguyễn Thị Bé Ba"),
}
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lý",
    "Đinh",
    "Mai",
    "Tô",
    "Lâm",
    "Châu",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Minh",
    "Ngọc",
    "Thanh",
    "Hoàng",
    "Quốc",
    "Kim",
    "Hữu",
    "Thị Thu",
    "Đức",
    "Bảo",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Nhung",
    "Lộc",
    "Tài",
    "Hiếu",
    "Thắm",
]
HAMLETS = [
    "Thạnh Hiệp",
    "Thạnh Phú",
    "Hòa Bình",
    "Tân Đông",
    "Tân Khai",
    "Bổ Túc",
    "Cầu Sắt",
    "Đồng Rùm",
    "Tầm Phô",
    "Suối Dộp",
]

_YEAR_END = datetime(YEAR, 12, 31, 17, 0, tzinfo=engine.VIETNAM_TZ)
_LAST_RETURN = datetime(YEAR, 12, 30, 17, 0, tzinfo=engine.VIETNAM_TZ)


@dataclass
class Plan:
    """One dossier of the year, decided before it is lived."""

    agency: Agency
    handling: Agency
    procedure: Procedure
    channel: str
    received: datetime
    target: str  # "in_time", "late" or "open"
    documents: list[int]  # positions handed in: the mandatory ones
    supplement: bool = False
    apology: bool = False
    home: str = ""  # the commune the applicant lives in, for the address
    address: str = ""  # the applicant's whole address, when the plan sets it
    last_return: datetime | None = _LAST_RETURN  # results in time come back by then


def exists() -> bool:
    """True when the district already has dossiers received in the demo year."""
    district = Agency.objects.filter(code=DISTRICT).first()
    return (
        district is not None
        and Dossier.objects.filter(
            receiving_agency__path__startswith=district.path, received_at__year=YEAR
        ).exists()
    )


@transaction.atomic
def generate(seed: int = SEED) -> dict[str, int] | None:
    """Live the demo year; None (and nothing changed) when it exists already."""
    if exists():
        return None
    rng = random.Random(seed)
    district = Agency.objects.get(code=DISTRICT)
    calendar = calendar_for(district)
    staff = Staff(district)
    plans = plan_year(rng, district, calendar)
    writer = BulkLifecycle()
    for plan in plans:
        live(plan, rng, staff, calendar, writer)
    for moment in _rejection_moments(rng, calendar):
        _reject(rng, district, staff, moment, writer)
    writer.flush()
    return tally(district)


def describe(result: dict[str, int] | None) -> str:
    """One line for `motcua demo` about what `generate` did."""
    if result is None:
        return f"Hồ sơ năm {YEAR}: đã có, giữ nguyên."
    n = {key: vnnumber(value) for key, value in result.items()}
    return (
        f"Hồ sơ năm {YEAR}: tiếp nhận {n['received']}, trước hạn và đúng hạn "
        f"{n['early_or_on_time']}, trễ hạn {n['late']}, đang giải quyết cuối năm "
        f"{n['open_at_year_end']}, nộp trực tuyến {n['online']}."
    )


def tally(district: Agency) -> dict[str, int]:
    """What the demo year shows: received, resolved by outcome, open at the year's end."""
    received = Dossier.objects.filter(
        receiving_agency__path__startswith=district.path, received_at__year=YEAR
    ).exclude(events__kind=EventKind.REFUSE_AT_RECEPTION)
    resolved = received.filter(finished_at__lte=_YEAR_END)
    return {
        "received": received.count(),
        "early_or_on_time": resolved.filter(outcome__in=(Outcome.EARLY, Outcome.ON_TIME)).count(),
        "late": resolved.filter(outcome=Outcome.LATE).count(),
        "open_at_year_end": received.exclude(finished_at__lte=_YEAR_END).count(),
        "online": received.filter(channel=Channel.ONLINE).count(),
        "supplements": received.filter(pauses__isnull=False).distinct().count(),
        "apologies": received.filter(events__kind=EventKind.APOLOGISE_AND_RESCHEDULE).count(),
    }


# ---------------------------------------------------------------- who acts


class Staff:
    """The demo account acting in each role at each agency."""

    def __init__(self, district: Agency):
        self._ensure_commune_handlers(district)
        users = list(
            get_user_model()
            .objects.filter(
                role_assignments__agency__path__startswith=district.path, is_superuser=False
            )
            .distinct()
            .order_by("pk")
        )
        self._users = users
        self._cache: dict[tuple[str, int], object] = {}

    def __call__(self, role: str, agency: Agency):
        key = (role, agency.pk)
        if key not in self._cache:
            # The most local account: roles held lower in the tree come first.
            candidates = [u for u in self._users if may(u, role, agency)]
            if not candidates:
                raise LookupError(f"no demo account is {role} at {agency}")
            self._cache[key] = max(candidates, key=lambda u: _depth(u, role))
        return self._cache[key]

    @staticmethod
    def _ensure_commune_handlers(district: Agency) -> None:
        users = get_user_model().objects
        template = users.filter(role_assignments__agency__path__startswith=district.path).first()
        for code, (username, name) in EXTRA_HANDLERS.items():
            agency = Agency.objects.in_force().filter(code=code).first()
            if agency is None:
                continue
            user, created = users.get_or_create(username=username, defaults={"first_name": name})
            if created and template is not None:
                user.password = template.password  # the demo's shared password
                user.save(update_fields=["password"])
            StaffProfile.objects.get_or_create(
                user=user, defaults={"title": "Công chức Tư pháp - Hộ tịch"}
            )
            RoleAssignment.objects.get_or_create(user=user, agency=agency, role=Role.HANDLER)


def _depth(user, role: str) -> int:
    paths = RoleAssignment.objects.filter(user=user, role=role).values_list(
        "agency__path", flat=True
    )
    return max((len(p) for p in paths), default=0)


# ---------------------------------------------------------------- the plan


def working_days(calendar: engine.Calendar) -> list[date]:
    day, days = date(YEAR, 1, 1), []
    while day.year == YEAR:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _moment(rng: random.Random, day: date, calendar: engine.Calendar) -> datetime:
    """A reception moment on a working day: mostly mornings, never outside sessions."""
    sessions = calendar.sessions_on(day)
    start, end = sessions[0] if rng.random() < 0.7 or len(sessions) == 1 else sessions[-1]
    low = datetime.combine(day, start, engine.VIETNAM_TZ) + timedelta(minutes=15)
    high = datetime.combine(day, end, engine.VIETNAM_TZ) - timedelta(minutes=30)
    return low + timedelta(minutes=rng.randrange(max(int((high - low).total_seconds() // 60), 1)))


def plan_year(rng: random.Random, district: Agency, calendar: engine.Calendar) -> list[Plan]:
    """The year's dossiers, in reception order, with the seed's outcomes assigned."""
    days = working_days(calendar)
    communes = list(district.children.filter(kind__code="commune").order_by("code"))
    commune_weights = [COMMUNE_WEIGHTS.get(c.code, OTHER_COMMUNE_WEIGHT) for c in communes]
    procedures = {p.code: p for p in Procedure.objects.select_related("field")}
    documents = {
        code: _documents(p)
        for code, p in procedures.items()
        if code in {*COMMUNE_MIX, *DISTRICT_MIX}
    }
    departments = {a.code: a for a in Agency.objects.filter(code__in=DEPARTMENT_FOR_FIELD.values())}
    # The last two working days are kept for the dossiers still open at the year's end.
    ordinary_days = days[:-2]
    day_weights = [MONTH_WEIGHTS[d.month - 1] for d in ordinary_days]

    def dossier(day: date, agency: Agency, mix: dict[str, int]) -> Plan:
        code = rng.choices(list(mix), weights=list(mix.values()))[0]
        procedure = procedures[code]
        handling = agency
        if agency == district:
            handling = departments[DEPARTMENT_FOR_FIELD[procedure.field.code]]
        online = rng.random() < ONLINE_SHARE[procedure.online_level]
        home = agency if agency != district else rng.choices(communes, weights=commune_weights)[0]
        return Plan(
            agency=agency,
            handling=handling,
            procedure=procedure,
            channel=Channel.ONLINE if online else Channel.COUNTER,
            received=_moment(rng, day, calendar),
            target="in_time",
            documents=documents[code],
            home=(home.short_name or home.name).removeprefix("UBND "),
        )

    plans = []
    for day in rng.choices(ordinary_days, weights=day_weights, k=RECEIVED - OPEN_AT_YEAR_END):
        if rng.random() < COMMUNE_SHARE:
            agency = rng.choices(communes, weights=commune_weights)[0]
            plans.append(dossier(day, agency, COMMUNE_MIX))
        else:
            plans.append(dossier(day, district, DISTRICT_MIX))
    for day in days[-2:] * (OPEN_AT_YEAR_END // 2):
        plan = dossier(day, district, {"1.001612": 1})
        plan.target = "open"
        plans.append(plan)
    plans.sort(key=lambda p: p.received)
    slow = [
        p
        for p in plans
        if p.target == "in_time" and p.procedure.time_quantity > 0 and p.received.month <= 10
    ]
    for n, plan in enumerate(rng.sample(slow, LATE)):
        plan.target = "late"
        plan.apology = n < APOLOGISED
    for plan in plans:
        if (
            plan.target == "in_time"
            and plan.procedure.time_quantity > 0
            and plan.received.month <= 11
            and rng.random() < SUPPLEMENT_SHARE
        ):
            plan.supplement = True
    return plans


# ---------------------------------------------------------------- living it


def _after(moment: datetime, hours: float, calendar: engine.Calendar) -> datetime:
    """The working moment `hours` working hours after `moment`."""
    return engine.due(moment, round(hours, 4), engine.WORKING_HOURS, calendar)


def _applicant(rng: random.Random, plan: Plan) -> Applicant:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    address = plan.address or f"Ấp {rng.choice(HAMLETS)}, {plan.home}"
    if plan.procedure.field.code == "LTHH":
        return Applicant(
            kind="organisation",
            name=f"Hộ kinh doanh {name}",
            id_number=f"39{rng.randrange(10**8):08d}",
            address=address,
        )
    return Applicant(
        kind="individual",
        name=name,
        id_number=f"072{rng.randrange(10**9):09d}",
        address=address,
        birth_date=date(rng.randrange(1950, 2004), rng.randrange(1, 13), rng.randrange(1, 29)),
    )


def _documents(procedure: Procedure) -> list[int]:
    """The mandatory documents' positions (the dossier is complete without the others)."""
    documents = current_version(procedure).data["documents"]
    return [n for n, d in enumerate(documents, start=1) if d["mandatory"]] or [1]


def live(
    plan: Plan, rng: random.Random, staff: Staff, calendar: engine.Calendar, driver=lifecycle
) -> Dossier:
    """Take one planned dossier from reception to its result through `driver`: the
    lifecycle itself, or a `BulkLifecycle` that writes the same rows faster."""
    receiver = staff(Role.RECEIVER, plan.agency)
    applicant = _applicant(rng, plan)
    if plan.channel == Channel.ONLINE:
        submitted = plan.received - timedelta(minutes=rng.randrange(30, 60 * 40))
        dossier = driver.submit(
            applicant_user=None,
            procedure=plan.procedure,
            agency=plan.agency,
            applicant=applicant,
            documents_received=plan.documents,
            delivery=Delivery.ONLINE if rng.random() < 0.3 else Delivery.DESK,
            at=submitted,
        )
        dossier = driver.accept(
            dossier, actor=receiver, handling_agency=plan.handling, at=plan.received
        )
    else:
        dossier = driver.receive(
            actor=receiver,
            procedure=plan.procedure,
            agency=plan.agency,
            applicant=applicant,
            documents_received=plan.documents,
            handling_agency=plan.handling,
            at=plan.received,
        )
    now = _after(plan.received, 0.25, calendar)
    dossier = driver.forward(dossier, actor=receiver, at=now)
    handler = staff(Role.HANDLER, plan.handling)
    if plan.supplement:
        now = _after(now, 1, calendar)
        dossier = driver.request_supplement(
            dossier,
            actor=handler,
            items=["Bổ sung bản sao giấy tờ chứng minh nơi cư trú"],
            note="Hồ sơ thiếu giấy tờ chứng minh nơi cư trú theo quy định.",
            at=now,
        )
        now = _after(now, rng.randrange(8, 40), calendar)
        dossier = driver.receive_supplement(dossier, actor=receiver, at=now)
    finish = _finish_moment(plan, rng, now, dossier.due_at, calendar)
    if plan.target == "open":
        now = max(now, datetime(YEAR + 1, 1, 3, 7, tzinfo=engine.VIETNAM_TZ))
    # The apology comes at least the rule set's lead time before the deadline (when there is
    # still room for it), as `motcua.rules.enforcement` requires.
    lead = rule_set_at(plan.received).apology_lead_days * calendar.hours_per_day
    room = engine.elapsed(now, dossier.due_at, calendar).total_seconds() / 3600 - lead
    if plan.apology and room > 0:
        apology_at = _after(now, room * 0.5, calendar)
        dossier = driver.apologise_and_reschedule(
            dossier,
            actor=handler,
            reason="Cần xác minh thực địa, phối hợp với cơ quan liên quan nên chưa kịp trả kết quả đúng hẹn.",
            new_appointment=_after(finish, 0.5, calendar),
            at=apology_at,
        )
        now = apology_at
    return _resolve(dossier, plan, staff, now, finish, calendar, driver)


def _between(
    start: datetime, end: datetime, fraction: float, calendar: engine.Calendar
) -> datetime:
    """The working moment `fraction` of the working time from `start` to `end`."""
    hours = engine.elapsed(start, end, calendar).total_seconds() / 3600
    return _after(start, hours * fraction, calendar)


def _finish_moment(
    plan: Plan, rng: random.Random, now: datetime, due: datetime, calendar
) -> datetime:
    """When the result is returned: early, on time, late, or (open) early in 2023."""
    if plan.target == "late":
        return _after(due, rng.randrange(4, 30), calendar)
    if plan.target == "open":
        return _between(
            datetime(YEAR + 1, 1, 3, 8, tzinfo=engine.VIETNAM_TZ), due, rng.random(), calendar
        )
    latest = min(due, plan.last_return or due)
    local_due = due.astimezone(engine.VIETNAM_TZ)
    day_start = calendar.next_working_moment(
        datetime.combine(local_due.date(), time(0), engine.VIETNAM_TZ)
    )
    early_possible = day_start > now and latest == due
    if (early_possible and rng.random() < EARLY_SHARE) or latest < due:
        end = min(day_start - timedelta(minutes=1), latest)
        return _between(now, end, 0.2 + 0.8 * rng.random(), calendar)
    start = max(now, day_start)
    return _between(start, due, 0.2 + 0.8 * rng.random(), calendar)


def _resolve(
    dossier, plan: Plan, staff: Staff, now: datetime, finish: datetime, calendar, driver
) -> Dossier:
    """Walk the remaining steps up to approval, sharing the working time left in proportion
    to each step's planned hours; the result is ready shortly before it is returned at
    `finish`."""
    handler = staff(Role.HANDLER, plan.handling)
    ahead = dossier.steps[dossier.current_step : -1]  # the handlers' steps and the approver's
    hours = [float(step["hours"]) for step in ahead]
    ready = max(now, finish - timedelta(minutes=10))
    done = 0.0
    for step in ahead:
        done += float(step["hours"])
        at = max(now, _between(now, ready, done / sum(hours), calendar))
        if step["role"] == Role.HANDLER:
            dossier = driver.forward(dossier, actor=handler, at=at)
        else:
            dossier = driver.approve(dossier, actor=staff(Role.APPROVER, plan.handling), at=at)
    dossier = driver.mark_result_ready(dossier, actor=handler, at=ready)
    # A late result returned without an apology needs its reason recorded.
    note = "Trả kết quả trễ hạn: chờ ý kiến của cơ quan phối hợp." if plan.target == "late" else ""
    return driver.return_result(
        dossier, actor=staff(Role.RETURNER, plan.agency), note=note, at=finish
    )


def _rejection_moments(rng: random.Random, calendar: engine.Calendar) -> list[datetime]:
    days = working_days(calendar)[:-2]
    return sorted(_moment(rng, day, calendar) for day in rng.sample(days, REJECTED))


def _reject(rng: random.Random, district: Agency, staff: Staff, moment: datetime, driver) -> None:
    communes = list(district.children.filter(kind__code="commune"))
    agency = rng.choice(communes)
    procedure = Procedure.objects.get(code=rng.choice(["2.000815", "2.000884", "1.001193"]))
    plan = Plan(agency, agency, procedure, Channel.COUNTER, moment, "in_time", [])
    driver.refuse_at_reception(
        actor=staff(Role.RECEIVER, agency),
        procedure=procedure,
        agency=agency,
        applicant=_applicant(rng, plan),
        reason="Giấy tờ xuất trình không phải bản chính hoặc đã bị tẩy xóa, sửa chữa; "
        "đề nghị bổ sung bản chính hợp lệ.",
        at=moment,
    )
