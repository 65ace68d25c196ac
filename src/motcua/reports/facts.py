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

A dossier moved to another handling agency by a re-organisation (`transfer`, with
`moves`) is counted at each agency over the days it held it (`shares`,
docs/decisions/0120): the former one ends it on the day of the move as `moved_out`, the
successor starts it that day as `moved_in`, and the spans waiting or overdue on that day
end at the one and begin at the other, so that every agency's stocks are sums of its
flows and their sum over the agencies is the dossier's whole story.

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
# Moves between handling agencies: the former ends the dossier with MOVED_OUT, the
# successor starts it with MOVED_IN (a dossier it did not receive).
MOVED_OUT, MOVED_IN = "moved_out", "moved_in"
# Outcomes of ENDS that count as resolved (the others are measures of their own).
RESOLVED = ("early", "on_time", "late")
# Among the resolved: what the service index asks about.
FLAGS = ("e_result", "e_documents", "with_fee", "paid_online", "late_unapologised")


def present_flags(present: dict[str, bool]) -> tuple[str, ...]:
    """The FLAGS that are true in `present`, in FLAGS order."""
    return tuple(flag for flag in FLAGS if present[flag])


@dataclass(frozen=True)
class Facts:
    """The report facts of one received dossier. Spans are (first day, end day or None);
    `moves` are (day, former handling agency id, successor id), in order."""

    received: date
    due: date | None
    running: tuple[tuple[date, date | None], ...] = ()
    waiting: tuple[tuple[date, date | None], ...] = ()
    apologies: tuple[date, ...] = ()
    finished: date | None = None
    outcome: str = ""
    flags: tuple[str, ...] = field(default=())
    moves: tuple[tuple[date, int, int], ...] = ()

    def as_json(self) -> dict:
        """A JSON-safe form (ISO dates) for `OpenDossier.facts`."""
        return {
            "received": self.received.isoformat(),
            "due": _iso(self.due),
            "running": [[_iso(a), _iso(b)] for a, b in self.running],
            "waiting": [[_iso(a), _iso(b)] for a, b in self.waiting],
            "apologies": [d.isoformat() for d in self.apologies],
            "moves": [
                [day.isoformat(), former, successor] for day, former, successor in self.moves
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Facts":
        return cls(
            received=date.fromisoformat(data["received"]),
            due=_day(data["due"]),
            running=tuple((_day(a), _day(b)) for a, b in data["running"]),
            waiting=tuple((_day(a), _day(b)) for a, b in data["waiting"]),
            apologies=tuple(date.fromisoformat(d) for d in data["apologies"]),
            moves=tuple(
                (date.fromisoformat(day), former, successor)
                for day, former, successor in data.get("moves", ())
            ),
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
    handling: tuple[int, int] | None = None,
) -> Facts:
    """The facts after an event of `kind` on `day`; `due` is the dossier's deadline day
    after the event, `outcome` and `flags` describe an end (ENDS), `handling` the former and
    new handling agency ids of a transfer."""
    facts = replace(facts, due=due)
    if kind == EventKind.TRANSFER:
        former, successor = handling
        if former == successor:  # only the receiving agency changed
            return facts
        return replace(facts, moves=(*facts.moves, (day, former, successor)))
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
    """Counts per (day, measure) that a dossier with these facts adds to the rollups, its
    whole story at one agency."""
    return _window(facts, facts.received, None, "received")


def shares(facts: Facts, agency: int) -> dict[int, Counter]:
    """Counts per agency id of a dossier handled by `agency` (when it never moved): each
    agency counts the days it held the dossier (see the module docstring)."""
    if not facts.moves:
        return {agency: contributions(facts)}
    result: dict[int, Counter] = {}
    holders = [(facts.received, facts.moves[0][1])]
    holders += [(day, successor) for day, _, successor in facts.moves]
    entry = "received"
    for (first, holder), following in zip(holders, [*holders[1:], None], strict=True):
        end = following[0] if following else None
        if end is not None and end <= first:
            continue  # moved on again the same day: held for no day
        result.setdefault(holder, Counter()).update(_window(facts, first, end, entry))
        entry = MOVED_IN
    return result


def _window(facts: Facts, first: date, end: date | None, entry: str) -> Counter:
    """The counts of the days from `first` to the day before `end` (None: to the end),
    entered on `first` by `entry` and, when `end` is set, left on it by MOVED_OUT."""
    counts: Counter = Counter()
    counts[first, entry] += 1
    if end is not None:
        counts[end, MOVED_OUT] += 1
    elif facts.finished is not None:
        counts[facts.finished, facts.outcome] += 1
        for flag in facts.flags:
            counts[facts.finished, flag] += 1
    _spans(counts, facts.waiting, first, end, "waiting")
    if facts.due is not None:
        overdue = []
        for start_day, stop in facts.running:
            overdue_from = max(start_day, facts.due)
            if stop is None or overdue_from < stop:
                overdue.append((overdue_from, stop))
        _spans(counts, overdue, first, end, "overdue")
    for day in facts.apologies:
        if first <= day and (end is None or day < end):
            counts[day, "apologised"] += 1
    return counts


def _spans(counts: Counter, spans, first: date, end: date | None, name: str) -> None:
    """`name`_in and `name`_out of each span, cut to the days from `first` to before `end`:
    a span open when the window opens enters on `first`, one open when it closes leaves on
    `end`; a span starting on `end` belongs to the next window."""
    for start_day, stop in spans:
        if start_day < first and stop is not None and stop <= first:
            continue
        entered = max(start_day, first)
        if end is not None and entered >= end:
            continue
        counts[entered, f"{name}_in"] += 1
        left = stop if end is None or (stop is not None and stop < end) else end
        if left is not None:
            counts[left, f"{name}_out"] += 1


def difference(before: Counter, after: Counter) -> Counter:
    """`after - before`, keeping negative counts and dropping zeros."""
    change = Counter(after)
    change.subtract(before)
    return Counter({key: n for key, n in change.items() if n})
