"""What the reports count about one dossier, and the counts it contributes to the rollups.

A received dossier's report facts are days: when it was received, the spans it ran (its
deadline clock running) and waited for the applicant, the day of its legal deadline, its
apologies, and the day and outcome of its end. `contributions(facts)` turns them into
counts per day and measure. The rollups always hold the sum of `contributions` over every
dossier's current facts: each event replaces a dossier's old contribution with its new one
(`rollups`), and a rebuild sums them afresh (`rebuild`): both call the code below.

The counts are flows, so that a stock at the end of any day is a sum of flows up to it:
open = received - finished; waiting = waiting_in - waiting_out; overdue = overdue_in -
overdue_out. A running span from day s to day e (None: still running) is overdue at the end
of day E when max(s, due) <= E < e: it contributes overdue_in on max(s, due) and, once it
ends after that day, overdue_out on e. The deadline used is the dossier's current legal
deadline (`Dossier.due_at`, which supplements push back and `return_result` classifies
against), so a dossier's history is judged against the deadline it finally has.

>>> f = start(date(2022, 3, 1), due=date(2022, 3, 4))
>>> f = advance(f, "return_result", date(2022, 3, 7), due=date(2022, 3, 4), outcome="late")
>>> sorted(contributions(f).items())
... # doctest: +NORMALIZE_WHITESPACE
[((datetime.date(2022, 3, 1), 'received'), 1), ((datetime.date(2022, 3, 4), 'overdue_in'), 1),
 ((datetime.date(2022, 3, 7), 'late'), 1), ((datetime.date(2022, 3, 7), 'overdue_out'), 1)]
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from motcua.dossiers.models import EventKind

# Events that start a received dossier's facts, end them, or change them.
STARTS = (EventKind.RECEIVE, EventKind.ACCEPT)
ENDS = (EventKind.RETURN_RESULT, EventKind.REFUSE, EventKind.WITHDRAW)
# Outcomes of ENDS that count as resolved (the others are measures of their own).
RESOLVED = ("early", "on_time", "late")
# Among the resolved: what the service index asks about.
FLAGS = ("e_result", "e_documents", "with_fee", "paid_online", "late_unapologised")


def present_flags(present: dict[str, bool]) -> tuple[str, ...]:
    """The FLAGS that are true in `present`, in FLAGS order."""
    return tuple(flag for flag in FLAGS if present[flag])


@dataclass(frozen=True)
class Facts:
    """The report facts of one received dossier. Spans are (first day, end day or None)."""

    received: date
    due: date | None
    running: tuple[tuple[date, date | None], ...] = ()
    waiting: tuple[tuple[date, date | None], ...] = ()
    apologies: tuple[date, ...] = ()
    finished: date | None = None
    outcome: str = ""
    flags: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        """A JSON-safe form (ISO dates) for `OpenDossier.facts`."""
        return {
            "received": self.received.isoformat(),
            "due": _iso(self.due),
            "running": [[_iso(a), _iso(b)] for a, b in self.running],
            "waiting": [[_iso(a), _iso(b)] for a, b in self.waiting],
            "apologies": [d.isoformat() for d in self.apologies],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Facts":
        return cls(
            received=date.fromisoformat(data["received"]),
            due=_day(data["due"]),
            running=tuple((_day(a), _day(b)) for a, b in data["running"]),
            waiting=tuple((_day(a), _day(b)) for a, b in data["waiting"]),
            apologies=tuple(date.fromisoformat(d) for d in data["apologies"]),
        )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def start(day: date, *, due: date | None) -> Facts:
    """The facts of a dossier received (or accepted) on `day`: its clock runs."""
    return Facts(received=day, due=due, running=((day, None),))


def advance(
    facts: Facts,
    kind: str,
    day: date,
    *,
    due: date | None,
    outcome: str = "",
    flags: tuple[str, ...] = (),
) -> Facts:
    """The facts after an event of `kind` on `day`; `due` is the dossier's deadline day
    after the event, `outcome` and `flags` describe an end (ENDS)."""
    facts = replace(facts, due=due)
    if kind == EventKind.REQUEST_SUPPLEMENT:
        return replace(
            facts, running=_close(facts.running, day), waiting=(*facts.waiting, (day, None))
        )
    if kind == EventKind.RECEIVE_SUPPLEMENT:
        return replace(
            facts, waiting=_close(facts.waiting, day), running=(*facts.running, (day, None))
        )
    if kind == EventKind.APOLOGISE_AND_RESCHEDULE:
        return replace(facts, apologies=(*facts.apologies, day))
    if kind in ENDS:
        return replace(
            facts,
            running=_close(facts.running, day),
            waiting=_close(facts.waiting, day),
            finished=day,
            outcome=outcome,
            flags=flags if outcome in RESOLVED else (),
        )
    return facts


def _close(spans: tuple, day: date) -> tuple:
    if spans and spans[-1][1] is None:
        return (*spans[:-1], (spans[-1][0], day))
    return spans


def contributions(facts: Facts) -> Counter:
    """Counts per (day, measure) that a dossier with these facts adds to the rollups."""
    counts: Counter = Counter()
    counts[facts.received, "received"] += 1
    if facts.finished is not None:
        counts[facts.finished, facts.outcome] += 1
        for flag in facts.flags:
            counts[facts.finished, flag] += 1
    for first, end in facts.waiting:
        counts[first, "waiting_in"] += 1
        if end is not None:
            counts[end, "waiting_out"] += 1
    if facts.due is not None:
        for first, end in facts.running:
            overdue_from = max(first, facts.due)
            if end is None:
                counts[overdue_from, "overdue_in"] += 1
            elif overdue_from < end:
                counts[overdue_from, "overdue_in"] += 1
                counts[end, "overdue_out"] += 1
    for day in facts.apologies:
        counts[day, "apologised"] += 1
    return counts


def difference(before: Counter, after: Counter) -> Counter:
    """`after - before`, keeping negative counts and dropping zeros."""
    change = Counter(after)
    change.subtract(before)
    return Counter({key: n for key, n in change.items() if n})
