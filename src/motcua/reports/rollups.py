"""Keeping the rollups: a receiver of `dossiers.signals.event_recorded`, in the event's
transaction, so the counts exist exactly when the events do.

For a received dossier the receiver reads its facts (`OpenDossier`), applies the event
(`facts.advance`) and writes the difference of the two contributions into the day, month
and year rows of the dossier's (handling agency, procedure, channel). Hand-overs of an
internal step also count the step, late when it is handed over after its deadline. A
transfer to another handling agency (a re-organisation) rewrites the dossier's share at
both agencies (`facts.shares`): every later event counts at the successor.

>>> dossier = lifecycle.receive(actor=receiver, procedure=birth, agency=commune, ...)
>>> Rollup.objects.get(grain=Grain.YEAR, procedure=birth).received
1
"""

from collections import Counter, defaultdict
from datetime import date, datetime

from django.db import connection

from motcua.dossiers.models import Dossier, EventKind, FileKind, Payment
from motcua.org.models import Agency
from motcua.workdays.engine import VIETNAM_TZ

from .buckets import bucket
from .facts import (
    ENDS,
    STARTS,
    Facts,
    advance,
    contributions,
    difference,
    present_flags,
    shares,
    start,
)
from .models import MEASURES, Grain, OpenDossier, Rollup, StepRollup

# Hand-overs that complete the dossier's current internal step.
HANDOVERS = (
    EventKind.FORWARD,
    EventKind.APPROVE,
    EventKind.MARK_RESULT_READY,
    EventKind.RETURN_RESULT,
)
_TRACKED = frozenset(
    (
        *STARTS,
        *ENDS,
        *HANDOVERS,
        EventKind.REFUSE_AT_RECEPTION,
        EventKind.SEND_BACK,
        EventKind.REQUEST_SUPPLEMENT,
        EventKind.RECEIVE_SUPPLEMENT,
        EventKind.RECOMPUTE_DEADLINES,
        EventKind.APOLOGISE_AND_RESCHEDULE,
        EventKind.RATE,
        EventKind.TRANSFER,
    )
)


def local_day(moment: datetime | None) -> date | None:
    """The date of `moment` in Vietnam."""
    return moment.astimezone(VIETNAM_TZ).date() if moment else None


def on_event_recorded(sender, dossier: Dossier, event, **kwargs) -> None:
    """Update the rollups for `event` of `dossier` (inside the lifecycle's transaction;
    the dossier row is locked by it, so one dossier's events are applied one at a time)."""
    kind = event.kind
    if kind not in _TRACKED:
        return
    day = local_day(event.at)
    if kind == EventKind.REFUSE_AT_RECEPTION:
        add_counts(dossier, Counter({(day, "rejected"): 1}))
        return
    if kind == EventKind.RATE:
        add_counts(dossier, rating_counts(day, event.payload))
        return
    if kind in STARTS:
        facts = start(day, due=local_day(dossier.due_at))
        add_counts(dossier, contributions(facts))
        OpenDossier.objects.create(
            dossier=dossier,
            facts=facts.as_json(),
            step=dossier.current_step,
            step_due_at=dossier.step_due_at,
        )
        return
    ledger = OpenDossier.objects.filter(pk=dossier.pk).first()
    if ledger is None:
        # Never received: an online submission refused before the desk accepted it.
        if kind == EventKind.REFUSE:
            add_counts(dossier, Counter({(day, "rejected"): 1}))
        return
    if kind in HANDOVERS and ledger.step is not None:
        late = ledger.step_due_at is not None and event.at > ledger.step_due_at
        add_step(dossier, day, ledger.step, late)
    before = Facts.from_json(ledger.facts)
    handling = None
    if kind == EventKind.TRANSFER:
        former = Agency.objects.get(code=event.payload["from"]["handling"]).pk
        handling = (former, dossier.handling_agency_id)
    after = advance(
        before,
        kind,
        day,
        due=local_day(dossier.due_at),
        outcome=dossier.outcome,
        flags=resolution_flags(dossier, event.payload) if kind == EventKind.RETURN_RESULT else (),
        handling=handling,
    )
    old = shares(before, handling[0] if handling else dossier.handling_agency_id)
    new = shares(after, dossier.handling_agency_id)
    write_rollups(
        {
            (agency, dossier.procedure_id, dossier.channel): difference(
                old.get(agency, Counter()), new.get(agency, Counter())
            )
            for agency in old.keys() | new.keys()
        }
    )
    if kind in ENDS:
        ledger.delete()
        return
    ledger.facts = after.as_json()
    ledger.step = dossier.current_step
    ledger.step_due_at = dossier.step_due_at
    ledger.save()


def rating_counts(day: date, scores: dict) -> Counter:
    """A rating given on `day`: satisfied when no answer is below "Hài lòng" (2)."""
    satisfied = all(scores.get(name, 0) >= 2 for name in ("reception", "handling", "result"))
    return Counter({(day, "rated"): 1, (day, "satisfied"): int(satisfied)})


def resolution_flags(dossier: Dossier, payload: dict) -> tuple[str, ...]:
    """What the reports count about a resolved dossier (see `facts.FLAGS`); `payload` is
    the return event's."""
    kinds = set(dossier.files.values_list("kind", flat=True).distinct())
    paid = Payment.objects.filter(dossier=dossier, online=True, paid_at__isnull=False).exists()
    return present_flags(
        {
            "e_result": FileKind.RESULT in kinds,
            "e_documents": FileKind.DOCUMENT in kinds,
            "with_fee": dossier.fee_amount > 0,
            "paid_online": paid,
            "late_unapologised": bool(payload.get("late_without_apology")),
        }
    )


def add_counts(dossier: Dossier, counts: Counter) -> None:
    """Add `counts` ((day, measure) → n) to the dossier's day, month and year rows."""
    key = (dossier.handling_agency_id, dossier.procedure_id, dossier.channel)
    write_rollups({key: counts})


def write_rollups(counts_by_key: dict[tuple[int, int, str], Counter]) -> None:
    """Upsert many keys' counts: {(agency id, procedure id, channel): Counter}."""
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    position = {measure: i for i, measure in enumerate(MEASURES)}
    for (agency, procedure, channel), counts in counts_by_key.items():
        for (day, measure), n in counts.items():
            for grain in (Grain.YEAR, Grain.MONTH, Grain.DAY):
                rows[(agency, int(grain), bucket(day, grain), procedure, channel)][
                    position[measure]
                ] += n
    if rows:
        _upsert(
            Rollup._meta.db_table,
            ("agency_id", "grain", "starts_on", "procedure_id", "channel"),
            MEASURES,
            rows,
        )


def add_step(dossier: Dossier, day: date, step: int, late: bool) -> None:
    """Count one completed internal step in the month of `day`."""
    key = (dossier.handling_agency_id, day.replace(day=1), dossier.procedure_id, step)
    _upsert(
        StepRollup._meta.db_table,
        ("agency_id", "month", "procedure_id", "step"),
        ("done", "late"),
        {key: [1, int(late)]},
    )


def _upsert(table: str, keys: tuple[str, ...], counters: tuple[str, ...], rows: dict) -> None:
    """INSERT ... ON CONFLICT DO UPDATE adding to the counters (SQLite and PostgreSQL).

    Rows are written in key order, so two transactions touching the same rows lock them in
    the same order and cannot deadlock."""
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datefield_value
    columns = ", ".join(quote(c) for c in (*keys, *counters))
    placeholders = "(" + ", ".join(["%s"] * (len(keys) + len(counters))) + ")"
    updates = ", ".join(
        f"{quote(c)} = {quote(table)}.{quote(c)} + excluded.{quote(c)}" for c in counters
    )
    ordered = sorted(rows.items(), key=lambda item: tuple(str(part) for part in item[0]))
    params = []
    for key, values in ordered:
        params.extend(adapt(part) if isinstance(part, date) else part for part in key)
        params.extend(values)
    sql = (
        f"INSERT INTO {quote(table)} ({columns}) VALUES {', '.join([placeholders] * len(ordered))} "
        f"ON CONFLICT ({', '.join(quote(k) for k in keys)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
