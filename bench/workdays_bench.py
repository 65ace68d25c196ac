"""`make bench` (workdays): one million random deadlines over 2020-2035.

The calendar is the seeded national one (the `holidays` package plus our arrangements
file), built without a database. The same random inputs go through the day-by-day oracle
(`motcua.workdays.reference`) on a smaller sample; both must agree on every one of them.
All million also go through the engine's general path (the one every input can take:
a `Fraction` quantity skips the flat path of whole quantities), and must agree with it.
Then the batch form (`due_many`) recomputes 100,000 open dossiers' deadlines.
Times are CPU seconds of this process (`time.process_time`), so that other work on the
machine does not bend the ratio.
"""

import random
import time
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from motcua.workdays.engine import (
    CALENDAR_DAYS,
    VIETNAM_TZ,
    WORKING_DAYS,
    WORKING_HOURS,
    Calendar,
    due,
    due_many,
)
from motcua.workdays.official import official_days
from motcua.workdays.reference import reference_due

COMPUTATIONS = 1_000_000
REFERENCE_SAMPLE = 20_000
OPEN_DOSSIERS = 100_000
SEED = 20250124


def random_inputs(count: int, rng: random.Random) -> list[tuple[datetime, int, str]]:
    """Starts at any minute of 2020-2034; quantities as procedures have them (0-60)."""
    first = datetime(2020, 1, 1, tzinfo=VIETNAM_TZ)
    minutes = 15 * 365 * 24 * 60
    units = [WORKING_DAYS] * 6 + [WORKING_HOURS] * 2 + [CALENDAR_DAYS] * 2
    return [
        (
            first + timedelta(minutes=rng.randrange(minutes)),
            rng.randrange(61),
            rng.choice(units),
        )
        for _ in range(count)
    ]


def measure(function, inputs, calendar) -> tuple[float, list[datetime]]:
    began = time.process_time()
    results = [function(start, quantity, unit, calendar) for start, quantity, unit in inputs]
    return time.process_time() - began, results


def general(start, quantity, unit, calendar):
    return due(start, Fraction(quantity), unit, calendar)


def main() -> None:
    overrides = {
        day: official.is_working for day, official in official_days(range(2020, 2036)).items()
    }
    began = time.perf_counter()
    calendar = Calendar(overrides=overrides, last_year=2035)
    compile_ms = (time.perf_counter() - began) * 1000
    inputs = random_inputs(COMPUTATIONS, random.Random(SEED))

    fast_seconds, fast = measure(due, inputs, calendar)
    sample = inputs[:REFERENCE_SAMPLE]
    slow_seconds, slow = measure(reference_due, sample, calendar)
    disagreements = sum(a != b for a, b in zip(fast, slow, strict=False))
    general_seconds, generally = measure(general, inputs, calendar)
    general_disagreements = sum(a != b for a, b in zip(fast, generally, strict=True))
    # The deadlines of 100,000 open dossiers, as stored: received moments in UTC.
    open_periods = [
        (start.astimezone(UTC), quantity, unit)
        for start, quantity, unit in random_inputs(OPEN_DOSSIERS, random.Random(SEED + 1))
    ]
    began = time.process_time()
    batch = due_many(open_periods, calendar)
    batch_seconds = time.process_time() - began
    batch_disagreements = sum(
        a != due(s, Fraction(q), u, calendar)
        for a, (s, q, u) in zip(batch, open_periods, strict=True)
    )

    fast_rate = COMPUTATIONS / fast_seconds
    slow_rate = REFERENCE_SAMPLE / slow_seconds
    print(
        f"calendar 2020-2035 compiled in {compile_ms:.1f} ms ({len(calendar.overrides)} overrides)"
    )
    print()
    print("| implementation | computations | seconds | per second |")
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| prefix sums (engine.due) | {COMPUTATIONS:,} | {fast_seconds:.2f} | {fast_rate:,.0f} |"
    )
    print(
        f"| general path (Fraction quantity) | {COMPUTATIONS:,} | {general_seconds:.2f} "
        f"| {COMPUTATIONS / general_seconds:,.0f} |"
    )
    print(
        f"| day by day (reference) | {REFERENCE_SAMPLE:,} | {slow_seconds:.2f} | {slow_rate:,.0f} |"
    )
    print(
        f"| batch (due_many, UTC starts) | {OPEN_DOSSIERS:,} | {batch_seconds:.2f} "
        f"| {OPEN_DOSSIERS / batch_seconds:,.0f} |"
    )
    print()
    print(f"speed-up: {fast_rate / slow_rate:.1f}x; disagreements on the sample: {disagreements}")
    print(
        f"disagreements with the general path: {general_disagreements} of {COMPUTATIONS:,}; "
        f"batch: {batch_disagreements} of {OPEN_DOSSIERS:,}"
    )
    if disagreements or general_disagreements or batch_disagreements:
        raise SystemExit("engine.due, its general path and the reference disagree")


if __name__ == "__main__":
    main()
