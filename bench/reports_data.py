"""Scale data for the reports benchmark: a province of 100 agencies (1 province, 9
districts, 90 communes) and N dossiers over 2020-2024, with their events, pauses, ratings
and rollups, loaded with COPY by two worker processes.

Each dossier is decided in Python (procedure, channel, reception on a working day, legal
deadline from the national calendar, outcome, a pause for a supplement now and then), its
events are written with valid hash chains (the bytes of `dossiers.events.canonical`, checked
on a sample), and its rollup counts come from the app's own `reports.facts.contributions`.
Day rows are written by the workers; month and year rows are sums of them (SQL). Internal
step rollups are synthetic (the handler's step is late when the dossier is late, else 2 %).
"""

import hashlib
import io
import json
import multiprocessing
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import psycopg

from motcua.dossiers.events import GENESIS
from motcua.reports.facts import Facts, contributions
from motcua.reports.models import MEASURES
from motcua.workdays import engine

VN = engine.VIETNAM_TZ
FIRST_YEAR, LAST_YEAR = 2020, 2024
# The benchmark's "now": just after the last year, so its reports are of a past period.
NOW = datetime(LAST_YEAR + 1, 1, 6, 9, tzinfo=VN)
DISTRICTS, COMMUNES_PER_DISTRICT = 9, 10
CHUNK = 20_000  # dossiers per COPY batch


@dataclass(frozen=True)
class Unit:
    """An agency that receives and handles dossiers, with its procedure mix."""

    pk: int
    code: str
    weight: float
    procedures: tuple[tuple[int, int, str, Decimal, str, str, int, tuple[str, ...]], ...]
    weights: tuple[float, ...]


def dsn(settings: dict) -> str:
    return psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings.get("USER") or "",
        password=settings.get("PASSWORD") or "",
        host=settings.get("HOST") or "",
        port=str(settings.get("PORT") or ""),
    )


def build_province() -> tuple[list[Unit], dict]:
    """Create the agency tree and the catalog (the demo's), return the handling units."""
    from motcua.catalog.models import Procedure
    from motcua.catalog.services import current_version
    from motcua.catalog.transfer import import_catalog
    from motcua.demo.history import COMMUNE_MIX, DISTRICT_MIX
    from motcua.demo.loader import read
    from motcua.org.models import Agency, AgencyKind

    kinds = {
        code: AgencyKind.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("province", "Tỉnh"), ("district", "Huyện"), ("commune", "Xã"))
    }
    import_catalog(read("catalog.toml"))
    procedures = {p.code: p for p in Procedure.objects.all()}
    versions = {code: current_version(p) for code, p in procedures.items()}

    def mix(weights: dict[str, int]):
        rows = []
        for code in weights:
            p, v = procedures[code], versions[code]
            steps = tuple(s["name"] for s in v.data["steps"])
            cutoff = v.data.get("same_day_cutoff") or ""
            cutoff = datetime.strptime(cutoff, "%H:%M").time() if cutoff else None
            quantity = Decimal(str(v.data["time_quantity"]))
            quantity = int(quantity) if quantity == int(quantity) else quantity
            rows.append(
                (
                    p.pk,
                    v.pk,
                    v.data["time_unit"],
                    Decimal(str(v.data["time_quantity"])),
                    cutoff,
                    p.online_level,
                    p.fee_amount or 0,
                    steps,
                )
            )
        return tuple(rows), tuple(float(w) for w in weights.values())

    province = Agency.objects.create(
        code="000.00.00.B99", name="Ủy ban nhân dân tỉnh Mẫu", kind=kinds["province"]
    )
    units = []
    commune_mix, district_mix = mix(COMMUNE_MIX), mix(DISTRICT_MIX)
    for d in range(1, DISTRICTS + 1):
        district = Agency.objects.create(
            code=f"000.00.{d:02d}.B99",
            name=f"Ủy ban nhân dân huyện Mẫu {d}",
            kind=kinds["district"],
            parent=province,
        )
        units.append(Unit(district.pk, district.code, 30 / DISTRICTS, *district_mix))
        for c in range(1, COMMUNES_PER_DISTRICT + 1):
            commune = Agency.objects.create(
                code=f"000.{c:02d}.{d:02d}.B99",
                name=f"Ủy ban nhân dân xã Mẫu {d}-{c}",
                kind=kinds["commune"],
                parent=district,
            )
            units.append(
                Unit(
                    commune.pk, commune.code, 70 / (DISTRICTS * COMMUNES_PER_DISTRICT), *commune_mix
                )
            )
    return units, {"province": province}


def working_moments(calendar: engine.Calendar) -> list[date]:
    days, day = [], date(FIRST_YEAR, 1, 1)
    while day.year <= LAST_YEAR:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


# ------------------------------------------------------------------------------- workers


def generate(
    units: list[Unit], total: int, settings: dict, calendar: engine.Calendar, workers: int = 2
) -> dict:
    """Write `total` dossiers for `units` with `workers` processes; returns counts."""
    shares = [u.weight for u in units]
    weight_sum = sum(shares)
    counts = [round(total * w / weight_sum) for w in shares]
    counts[0] += total - sum(counts)
    parts = [([], []) for _ in range(workers)]
    for n, (unit, count) in enumerate(zip(units, counts, strict=True)):
        parts[n % workers][0].append(unit)
        parts[n % workers][1].append(count)
    jobs = []
    first_id = 1
    for n, (part_units, part_counts) in enumerate(parts):
        jobs.append((n, part_units, part_counts, first_id, dsn(settings)))
        first_id += sum(part_counts) + 1
    # Forked workers inherit the compiled calendar (it does not pickle).
    global _CALENDAR
    _CALENDAR = calendar
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        results = pool.starmap(_work, jobs)
    summary = Counter()
    for result in results:
        summary.update(result)
    summary["next_id"] = first_id
    return dict(summary)


_DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure_id",
    "procedure_version_id",
    "receiving_agency_id",
    "handling_agency_id",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_name_folded",
    "channel",
    "delivery",
    "status",
    "sets",
    "form_data",
    "fee_amount",
    "submitted_at",
    "received_at",
    "due_at",
    "appointment_at",
    "finished_at",
    "outcome",
    "current_step",
    "current_role",
    "current_agency_id",
    "step_started_at",
    "step_due_at",
    "version",
)
_EVENT_COLUMNS = (
    "dossier_id",
    "sequence",
    "at",
    "actor_name",
    "kind",
    "from_status",
    "to_status",
    "step",
    "agency_id",
    "note",
    "payload",
    "public",
    "prev_hash",
    "hash",
)


_CALENDAR: engine.Calendar | None = None


def _work(worker: int, units, counts, first_id: int, conninfo: str) -> Counter:
    calendar = _CALENDAR
    rng = random.Random(20250101 + worker)
    days = working_moments(calendar)
    day_weights = [1.0 + 0.08 * (d.year - FIRST_YEAR) for d in days]  # a little growth each year
    summary: Counter = Counter()
    next_id = first_id
    with psycopg.connect(conninfo) as conn:
        for unit, count in zip(units, counts, strict=True):
            rollups: dict[tuple, Counter] = defaultdict(Counter)
            steps: Counter = Counter()
            sequence: Counter = Counter()
            picked = sorted(rng.choices(days, weights=day_weights, k=count))
            for start in range(0, count, CHUNK):
                writer = _Batch()
                for day in picked[start : start + CHUNK]:
                    dossier = _dossier(rng, unit, day, calendar, sequence, next_id)
                    writer.add(dossier, rollups, steps)
                    summary[dossier["state"]] += 1
                    next_id += 1
                writer.copy(conn)
            _copy_rollups(conn, unit, rollups)
            _copy_steps(conn, unit, steps)
            conn.commit()
    summary["dossiers"] = next_id - first_id
    return summary


def _dossier(rng, unit: Unit, day: date, calendar, sequence: Counter, pk: int) -> dict:
    """One dossier's life, decided: times, outcome, pause, rating."""
    procedure = rng.choices(unit.procedures, weights=unit.weights)[0]
    _, _, time_unit, quantity, cutoff, online_level, fee, _ = procedure
    online = rng.random() < {"full": 0.35, "partial": 0.12, "none": 0.0}[online_level]
    sessions = calendar.sessions_on(day)
    start, end = sessions[0] if rng.random() < 0.7 else sessions[-1]
    received = datetime.combine(day, start, VN) + timedelta(
        minutes=rng.randrange(
            int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)
        )
    )
    pause = None
    if quantity > 0 and rng.random() < 0.03:
        began = received + timedelta(hours=rng.randrange(2, 30))
        pause = (began, began + timedelta(days=rng.randrange(2, 12), hours=rng.randrange(0, 6)))
    due = engine.due(
        received, quantity, time_unit, calendar, cutoff=cutoff, pauses=[pause] if pause else ()
    )
    roll, state = rng.random(), "returned"
    if roll < 0.025:  # late
        finished = due + timedelta(hours=rng.randrange(2, 24 * 6))
    elif roll < 0.032:  # refused or withdrawn after reception
        state = "refused" if roll < 0.030 else "withdrawn"
        finished = received + timedelta(hours=rng.randrange(2, 60))
    elif roll < 0.66 and due.date() > received.date():  # early: before the due date
        span = (datetime.combine(due.date(), datetime.min.time(), VN) - received).total_seconds()
        finished = received + timedelta(seconds=max(span * rng.random(), 1800))
    else:  # on time: on the due date, by the due moment
        finished = max(
            received + timedelta(minutes=30), due - timedelta(minutes=rng.randrange(1, 240))
        )
        finished = min(finished, due)
    if pause and state == "returned" and finished <= pause[1]:
        finished = pause[1] + timedelta(hours=rng.randrange(1, 8))
    if finished > NOW:
        state, finished = "open", None
    if state == "returned":
        outcome = engine.classify(due, finished, calendar)
    else:
        outcome = "" if state == "open" else state
    sequence[day] += 1
    return {
        "pk": pk,
        "agency": unit.pk,
        "code": f"{unit.code}-{day:%y%m%d}-{sequence[day]:04d}",
        "procedure": procedure,
        "channel": "online" if online else "counter",
        "received": received,
        "due": due,
        "finished": finished,
        "pause": pause if pause and (finished is None or pause[0] < finished) else None,
        "state": state,
        "outcome": outcome,
        "fee": fee,
        "rating": rng.choice((1, 2, 2, 3, 3, 3))
        if state == "returned" and rng.random() < 0.1
        else None,
        "late_step": outcome == "late" or rng.random() < 0.02,
    }


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else "\\N"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


_STRINGS: dict[str, str] = {}


def _json_string(text: str) -> str:
    if text not in _STRINGS:
        _STRINGS[text] = json.dumps(text, ensure_ascii=False)
    return _STRINGS[text]


def canonical(
    dossier_id: int,
    sequence: int,
    at: str,
    kind: str,
    from_status: str,
    to_status: str,
    step,
    agency,
    payload: str,
    prev_hash: str,
    note: str = "",
) -> str:
    """The bytes `dossiers.events.canonical` hashes, for an event without an actor, built
    by hand (keys in sorted order, compact separators): 50 million json.dumps are slow."""
    return (
        '{"actor":null,"actor_name":"","agency":'
        + ("null" if agency is None else str(agency))
        + ',"at":"'
        + at
        + '","dossier":'
        + str(dossier_id)
        + ',"from_status":"'
        + from_status
        + '","kind":"'
        + kind
        + '","note":'
        + _json_string(note)
        + ',"payload":'
        + payload
        + ',"prev_hash":"'
        + prev_hash
        + '","public":true,"sequence":'
        + str(sequence)
        + ',"step":'
        + ("null" if step is None else str(step))
        + ',"to_status":"'
        + to_status
        + '"}'
    )


def _step_payload(name: str, role: str, signed: bool = False) -> str:
    """A hand-over's payload as the lifecycle writes it, keys sorted (no step deadlines
    are kept in this data: `left_step_due_at` is null)."""
    signed_part = ',"result_signed":false' if signed else ""
    return (
        '{"assignee_name":"","left_step_due_at":null'
        + signed_part
        + ',"to_role":"'
        + role
        + '","to_step":'
        + _json_string(name)
        + "}"
    )


class _Batch:
    """COPY buffers of one chunk of dossiers."""

    def __init__(self):
        self.dossiers = io.StringIO()
        self.events = io.StringIO()
        self.pauses = io.StringIO()
        self.ratings = io.StringIO()

    def add(self, d: dict, rollups: dict, steps: Counter) -> None:
        procedure_id, version_id, _, _, _, _, fee, step_names = d["procedure"]
        last = len(step_names) - 1
        events = self._events(d, step_names)
        open_state = d["state"] == "open"
        waiting = open_state and d["pause"] is not None and d["pause"][1] > NOW
        status = "waiting_supplement" if waiting else ("in_progress" if open_state else d["state"])
        current_step = 1 if open_state else (last if d["state"] == "returned" else 1)
        fields = (
            d["pk"],
            d["code"],
            procedure_id,
            version_id,
            d["agency"],
            d["agency"],
            "individual",
            "Nguyễn Văn Mẫu",
            "072095000000",
            "",
            "",
            "Ấp Mẫu",
            "nguyen van mau",
            d["channel"],
            "desk",
            status,
            1,
            "{}",
            fee,
            _iso(d["received"]),
            _iso(d["received"]),
            _iso(d["due"]),
            _iso(d["due"]),
            _iso(d["finished"]),
            d["outcome"] if d["state"] != "open" else "",
            current_step,
            "handler" if open_state else "",
            d["agency"] if open_state else "\\N",
            _iso(d["received"] + timedelta(hours=1)),
            "\\N",
            len(events),
        )
        self.dossiers.write("\t".join(str(f) for f in fields) + "\n")
        previous = GENESIS
        pk = d["pk"]
        write = self.events.write
        for n, (at, kind, from_status, to_status, step, agency, payload, note) in enumerate(
            events, start=1
        ):
            at = _utc(at)
            text = canonical(
                pk, n, at, kind, from_status, to_status, step, agency, payload, previous, note
            )
            digest = hashlib.sha256(text.encode()).hexdigest()
            step = "\\N" if step is None else step
            agency = "\\N" if agency is None else agency
            write(
                f"{pk}\t{n}\t{at}\t\t{kind}\t{from_status}\t{to_status}\t{step}\t{agency}\t"
                f"{note}\t{payload}\tt\t{previous}\t{digest}\n"
            )
            previous = digest
        if d["pause"]:
            ended = d["pause"][1] if d["pause"][1] <= NOW else None
            if ended is None and not waiting:
                ended = d["finished"]
            self.pauses.write(f"{d['pk']}\t{_iso(d['pause'][0])}\t{_iso(ended)}\tBổ sung giấy tờ\n")
        if d["rating"]:
            self.ratings.write(
                f"{d['pk']}\t{d['rating']}\t{d['rating']}\t{d['rating']}\t\t{_iso(d['finished'] + timedelta(hours=2))}\n"
            )
        facts = _facts(d)
        key = (d["agency"], procedure_id, d["channel"])
        rollups[key].update(contributions(facts))
        if d["rating"]:
            day = (d["finished"] + timedelta(hours=2)).astimezone(VN).date()
            rollups[key][day, "rated"] += 1
            rollups[key][day, "satisfied"] += d["rating"] >= 2
        if d["state"] == "returned":
            month = d["finished"].astimezone(VN).date().replace(day=1)
            for step in range(last + 1):
                steps[procedure_id, month, step, "done"] += 1
                steps[procedure_id, month, step, "late"] += int(step == 1 and d["late_step"])

    def _events(self, d: dict, step_names) -> list[tuple]:
        agency = d["agency"]
        received, finished = d["received"], d["finished"]
        events = [(received, "receive", "", "received", 0, agency, "{}", "")]
        events.append(
            (
                received + timedelta(minutes=20),
                "forward",
                "received",
                "in_progress",
                1,
                agency,
                _step_payload(step_names[1], "handler"),
                "",
            )
        )
        if d["pause"]:
            began, ended = d["pause"]
            events.append(
                (
                    began,
                    "request_supplement",
                    "in_progress",
                    "waiting_supplement",
                    1,
                    None,
                    '{"items":["Bổ sung giấy tờ"]}',
                    "",
                )
            )
            if ended <= NOW and (finished is None or ended < finished):
                due = '{"due_at":"' + d["due"].isoformat() + '"}'
                events.append(
                    (
                        ended,
                        "receive_supplement",
                        "waiting_supplement",
                        "in_progress",
                        1,
                        None,
                        due,
                        "",
                    )
                )
        if d["state"] in ("refused", "withdrawn"):
            note = "Không đủ điều kiện" if d["state"] == "refused" else "Xin rút hồ sơ"
            from_status = events[-1][3]
            events.append(
                (
                    finished,
                    "refuse" if d["state"] == "refused" else "withdraw",
                    from_status,
                    d["state"],
                    1,
                    None,
                    "{}",
                    note,
                )
            )
        elif d["state"] == "returned":
            last = len(step_names) - 1
            ready = max(finished - timedelta(minutes=30), events[-1][0])
            for step in range(2, last):
                role = "approver" if step == last - 1 else "handler"
                events.append(
                    (
                        ready,
                        "forward",
                        "in_progress",
                        "in_progress",
                        step,
                        agency,
                        _step_payload(step_names[step], role),
                        "",
                    )
                )
            events.append(
                (
                    ready,
                    "approve",
                    "in_progress",
                    "approved",
                    last,
                    agency,
                    _step_payload(step_names[last], "returner", signed=True),
                    "",
                )
            )
            events.append(
                (
                    ready,
                    "mark_result_ready",
                    "approved",
                    "result_ready",
                    last,
                    agency,
                    _step_payload(step_names[last], "returner"),
                    "",
                )
            )
            events.append(
                (
                    finished,
                    "return_result",
                    "result_ready",
                    "returned",
                    last,
                    agency,
                    '{"outcome":"' + d["outcome"] + '"}',
                    "",
                )
            )
            if d["rating"]:
                r = d["rating"]
                scores = f'{{"handling":{r},"reception":{r},"result":{r}}}'
                events.append(
                    (
                        finished + timedelta(hours=2),
                        "rate",
                        "returned",
                        "returned",
                        last,
                        None,
                        scores,
                        "",
                    )
                )
        return events

    def copy(self, conn) -> None:
        with conn.cursor() as cursor:
            for table, columns, buffer in (
                ("dossiers_dossier", _DOSSIER_COLUMNS, self.dossiers),
                ("dossiers_dossierevent", _EVENT_COLUMNS, self.events),
                ("dossiers_pause", ("dossier_id", "started_at", "ended_at", "reason"), self.pauses),
                (
                    "dossiers_rating",
                    ("dossier_id", "reception", "handling", "result", "comment", "created_at"),
                    self.ratings,
                ),
            ):
                quoted = ", ".join(f'"{c}"' for c in columns)
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())


def _local(moment: datetime | None) -> date | None:
    return moment.astimezone(VN).date() if moment else None


def _facts(d: dict) -> Facts:
    local = _local
    received, finished = local(d["received"]), local(d["finished"])
    running = [(received, None)]
    waits = []
    if d["pause"]:
        began, ended = d["pause"]
        ended_day = (
            local(ended)
            if ended <= NOW and (d["finished"] is None or ended < d["finished"])
            else None
        )
        running = [(received, local(began))]
        if ended_day is not None:
            waits = [(local(began), ended_day)]
            running.append((ended_day, None))
        else:
            waits = [(local(began), None)]
    if finished is not None:
        if running[-1][1] is None and (not waits or waits[-1][1] is not None):
            running[-1] = (running[-1][0], finished)
        elif waits and waits[-1][1] is None:
            waits[-1] = (waits[-1][0], finished)
    return Facts(
        received=received,
        due=local(d["due"]),
        running=tuple(running),
        waiting=tuple(waits),
        finished=finished,
        outcome=d["outcome"] if finished is not None else "",
        flags=("with_fee",)
        if d["state"] == "returned"
        and d["outcome"] in ("early", "on_time", "late")
        and d["fee"] > 0
        else (),
    )


def _copy_rollups(conn, unit: Unit, rollups: dict) -> None:
    buffer = io.StringIO()
    for (agency, procedure, channel), counts in rollups.items():
        days: dict[date, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
        index = {m: i for i, m in enumerate(MEASURES)}
        for (day, measure), n in counts.items():
            days[day][index[measure]] += n
        for day, values in days.items():
            if any(values):
                buffer.write(
                    f"{agency}\t1\t{day.isoformat()}\t{procedure}\t{channel}\t"
                    + "\t".join(map(str, values))
                    + "\n"
                )
    with (
        conn.cursor() as cursor,
        cursor.copy(
            f"COPY reports_rollup (agency_id, grain, starts_on, procedure_id, channel, {', '.join(MEASURES)}) FROM STDIN"
        ) as copy,
    ):
        copy.write(buffer.getvalue())


def _copy_steps(conn, unit: Unit, steps: Counter) -> None:
    buffer = io.StringIO()
    keys = {k[:3] for k in steps}
    for procedure, month, step in keys:
        buffer.write(
            f"{unit.pk}\t{month.isoformat()}\t{procedure}\t{step}\t{steps[procedure, month, step, 'done']}\t{steps[procedure, month, step, 'late']}\n"
        )
    with (
        conn.cursor() as cursor,
        cursor.copy(
            "COPY reports_steprollup (agency_id, month, procedure_id, step, done, late) FROM STDIN"
        ) as copy,
    ):
        copy.write(buffer.getvalue())
