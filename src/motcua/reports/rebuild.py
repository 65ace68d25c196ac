"""Rebuilding the rollups from the dossiers and their events (`motcua reports rebuild`).

The result must equal what the receiver kept event by event; `snapshot()` gives both in a
comparable form and the tests compare them. Each dossier's facts are replayed from its
events with the same `facts.advance` the receiver uses, then judged against the dossier's
current deadline, as the receiver's last event left them; a dossier moved by a
re-organisation is shared between its handling agencies as the receiver shares it
(`facts.shares`), and each internal step counts at the agency that handled the dossier
when it was handed over. Dossiers are read in chunks of
plain rows (no model instances), so a rebuild is a pass over the events, not a walk of
the lifecycle.

>>> rebuild()
{'dossiers': 3098, 'rollup_rows': 5699, 'step_rows': 4301, 'open': 0}
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import transaction

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.deadlines import step_due
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierFile,
    EventKind,
    FileKind,
    Pause,
    Payment,
)
from motcua.org.models import Agency
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .buckets import bucket
from .facts import ENDS, STARTS, Facts, advance, present_flags, shares, start
from .models import MEASURES, Grain, OpenDossier, Rollup, StepRollup
from .rollups import HANDOVERS, local_day, rating_counts

_CHUNK = 2000


@dataclass
class Record:
    """What a rebuild needs of one dossier, read as plain rows."""

    pk: int
    handling_agency_id: int
    receiving_agency_id: int
    procedure_id: int
    procedure_version_id: int
    channel: str
    due_at: datetime | None
    outcome: str
    fee_amount: int
    current_step: int | None
    step_due_at: datetime | None
    events: list[tuple] = field(default_factory=list)  # (at, kind, step, payload)
    pauses: list[tuple] = field(default_factory=list)  # (started_at, ended_at)
    file_kinds: set[str] = field(default_factory=set)
    paid_online: bool = False


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Delete every rollup and count them again from the dossiers' events."""
    Rollup.objects.all().delete()
    StepRollup.objects.all().delete()
    OpenDossier.objects.all().delete()
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    steps: Counter = Counter()
    versions: dict[int, dict] = {}
    calendars: dict[int, engine.Calendar] = {}
    ledger = []
    dossiers = 0
    agency_ids = dict(Agency.objects.values_list("code", "pk"))
    for record in records():
        dossiers += 1
        if record.procedure_version_id not in versions:
            versions[record.procedure_version_id] = ProcedureVersion.objects.get(
                pk=record.procedure_version_id
            ).data
        if record.receiving_agency_id not in calendars:
            calendars[record.receiving_agency_id] = calendar_for(
                Agency.objects.get(pk=record.receiving_agency_id)
            )
        counts, facts = replay(record, agency_ids)
        _add(rows, record, counts)
        for agency, month, step, late in step_completions(
            record,
            versions[record.procedure_version_id],
            calendars[record.receiving_agency_id],
            agency_ids,
        ):
            steps[(agency, record.procedure_id, month, step, "done")] += 1
            steps[(agency, record.procedure_id, month, step, "late")] += late
        if facts is not None and facts.finished is None:
            ledger.append(
                OpenDossier(
                    dossier_id=record.pk,
                    facts=facts.as_json(),
                    step=record.current_step,
                    step_due_at=record.step_due_at,
                )
            )
    OpenDossier.objects.bulk_create(ledger, batch_size=_CHUNK)
    Rollup.objects.bulk_create(
        (
            Rollup(
                agency_id=agency,
                grain=grain,
                starts_on=starts_on,
                procedure_id=procedure,
                channel=channel,
                **dict(zip(MEASURES, values, strict=True)),
            )
            for (agency, grain, starts_on, procedure, channel), values in rows.items()
        ),
        batch_size=_CHUNK,
    )
    step_rows = {key[:4] for key in steps}
    StepRollup.objects.bulk_create(
        (
            StepRollup(
                agency_id=agency,
                procedure_id=procedure,
                month=month,
                step=step,
                done=steps[agency, procedure, month, step, "done"],
                late=steps[agency, procedure, month, step, "late"],
            )
            for agency, procedure, month, step in step_rows
        ),
        batch_size=_CHUNK,
    )
    return {
        "dossiers": dossiers,
        "rollup_rows": len(rows),
        "step_rows": len(step_rows),
        "open": len(ledger),
    }


_FIELDS = (
    "pk",
    "handling_agency_id",
    "receiving_agency_id",
    "procedure_id",
    "procedure_version_id",
    "channel",
    "due_at",
    "outcome",
    "fee_amount",
    "current_step",
    "step_due_at",
)


def records(chunk: int = _CHUNK):
    """Every dossier as a `Record`, in primary-key order, `chunk` dossiers per read."""
    last = 0
    while True:
        batch = {
            row[0]: Record(*row)
            for row in Dossier.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list(*_FIELDS)[:chunk]
        }
        if not batch:
            return
        ids = list(batch)
        for dossier_id, *event in (
            DossierEvent.objects.filter(dossier_id__in=ids)
            .order_by("dossier_id", "sequence")
            .values_list("dossier_id", "at", "kind", "step", "payload")
        ):
            batch[dossier_id].events.append(tuple(event))
        for dossier_id, started, ended in Pause.objects.filter(dossier_id__in=ids).values_list(
            "dossier_id", "started_at", "ended_at"
        ):
            batch[dossier_id].pauses.append((started, ended))
        for dossier_id, kind in DossierFile.objects.filter(dossier_id__in=ids).values_list(
            "dossier_id", "kind"
        ):
            batch[dossier_id].file_kinds.add(kind)
        for dossier_id in Payment.objects.filter(
            dossier_id__in=ids, online=True, paid_at__isnull=False
        ).values_list("dossier_id", flat=True):
            batch[dossier_id].paid_online = True
        yield from batch.values()
        last = ids[-1]


def _add(rows: dict, record: Record, counts_by_agency: dict[int, Counter]) -> None:
    position = {measure: i for i, measure in enumerate(MEASURES)}
    for agency, counts in counts_by_agency.items():
        for (day, measure), n in counts.items():
            for grain in (Grain.YEAR, Grain.MONTH, Grain.DAY):
                key = (agency, int(grain), bucket(day, grain), record.procedure_id, record.channel)
                rows[key][position[measure]] += n


def _moved(payload: dict, agency_ids: dict[str, int]) -> tuple[int, int]:
    """The former and new handling agency ids of a transfer event."""
    return agency_ids[payload["from"]["handling"]], agency_ids[payload["to"]["handling"]]


def replay(record: Record, agency_ids: dict[str, int]) -> tuple[dict[int, Counter], Facts | None]:
    """The dossier's contribution to the rollups per agency id and its final facts (None if
    never received); `agency_ids` maps agency codes to ids."""
    counts: Counter = Counter()
    facts = None
    for at, kind, _, payload in record.events:
        day = local_day(at)
        if kind == EventKind.REFUSE_AT_RECEPTION:
            counts[day, "rejected"] += 1
        elif kind == EventKind.RATE:
            counts.update(rating_counts(day, payload))
        elif kind in STARTS:
            facts = start(day, due=None)
        elif facts is None:
            if kind == EventKind.REFUSE:
                counts[day, "rejected"] += 1
        else:
            facts = advance(
                facts,
                kind,
                day,
                due=None,
                outcome=record.outcome,
                flags=_flags(record, payload) if kind == EventKind.RETURN_RESULT else (),
                handling=_moved(payload, agency_ids) if kind == EventKind.TRANSFER else None,
            )
    # Ratings and refusals before reception count where the dossier is now (nothing moves
    # a finished dossier, nor one that was never received).
    by_agency = {record.handling_agency_id: counts}
    if facts is not None:
        facts = replace(facts, due=local_day(record.due_at))
        for agency, share in shares(facts, record.handling_agency_id).items():
            by_agency.setdefault(agency, Counter()).update(share)
    return by_agency, facts


def _flags(record: Record, payload: dict) -> tuple[str, ...]:
    return present_flags(
        {
            "e_result": FileKind.RESULT in record.file_kinds,
            "e_documents": FileKind.DOCUMENT in record.file_kinds,
            "with_fee": record.fee_amount > 0,
            "paid_online": record.paid_online,
            "late_unapologised": bool(payload.get("late_without_apology")),
        }
    )


def step_completions(
    record: Record, version: dict, calendar: engine.Calendar, agency_ids: dict[str, int]
) -> list[tuple]:
    """(handling agency id, month, step, late) of each internal step the dossier completed,
    judged against the step's deadline: the one a hand-over records (`left_step_due_at`),
    else (the result returned) as `dossiers.deadlines.step_due` computes it: the step's
    working hours from when the dossier reached it, pushed back by the pauses that ended
    meanwhile."""
    steps = version["steps"]
    restart = version.get("restart_on_supplement")
    done = []
    current: tuple[int, datetime] | None = None
    transfers = [p for _, kind, _, p in record.events if kind == EventKind.TRANSFER]
    agency = _moved(transfers[0], agency_ids)[0] if transfers else record.handling_agency_id
    for at, kind, step, payload in record.events:
        if kind == EventKind.TRANSFER:
            agency = _moved(payload, agency_ids)[1]
        elif kind in STARTS:
            current = (step, at)
        elif current is None:
            continue
        elif kind in HANDOVERS:
            index, began = current
            if "left_step_due_at" in payload:  # hand-overs record the deadline they left
                left = payload["left_step_due_at"]
                due = datetime.fromisoformat(left) if left else None
            else:
                due = step_due(began, steps[index]["hours"], calendar, record.pauses, until=at)
            done.append((agency, local_day(at).replace(day=1), index, due is not None and at > due))
            current = (step, at)
        elif kind == EventKind.SEND_BACK:
            current = (step, at)
        elif kind == EventKind.RECEIVE_SUPPLEMENT and restart:
            current = (current[0], at)
        elif kind in ENDS:
            current = None
    return done


def snapshot() -> dict[str, list]:
    """Every non-zero rollup row, step row and open-dossier record, sorted: two states of
    the rollups are equal exactly when their snapshots are."""
    rollups = sorted(
        row
        for row in Rollup.objects.values_list(
            "agency_id", "grain", "starts_on", "procedure_id", "channel", *MEASURES
        )
        if any(row[5:])
    )
    steps = sorted(
        row
        for row in StepRollup.objects.values_list(
            "agency_id", "month", "procedure_id", "step", "done", "late"
        )
        if row[4] or row[5]
    )
    codes = dict(Dossier.objects.values_list("pk", "code"))
    ledger = sorted(
        (codes[d], repr(Facts.from_json(f)), s, due)
        for d, f, s, due in OpenDossier.objects.values_list(
            "dossier_id", "facts", "step", "step_due_at"
        )
    )
    return {"rollups": rollups, "steps": steps, "ledger": ledger}
