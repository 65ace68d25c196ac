"""`make bench` (workdays): one million random deadlines over 2020-2035.

The calendar is the seeded national one (the `holidays` package plus our arrangements
file), built without a database. The same random inputs go through the day-by-day oracle
(`motcua.workdays.reference`) on a smaller sample; both must agree on every one of them.
"""

import random
import time
from datetime import datetime, timedelta

from motcua.workdays.engine import (
    CALENDAR_DAYS,
    VIETNAM_TZ,
    WORKING_DAYS,
    WORKING_HOURS,
    Calendar,
    due,
)
from motcua.workdays.official import official_days
from motcua.workdays.reference import reference_due

COMPUTATIONS = 1_000_000
REFERENCE_SAMPLE = 20_000
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
    began = time.perf_counter()
    results = [function(start, quantity, unit, calendar) for start, quantity, unit in inputs]
    return time.perf_counter() - began, results


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
        f"| day by day (reference) | {REFERENCE_SAMPLE:,} | {slow_seconds:.2f} | {slow_rate:,.0f} |"
    )
    print()
    print(f"speed-up: {fast_rate / slow_rate:.1f}x; disagreements on the sample: {disagreements}")
    if disagreements:
        raise SystemExit("engine.due and the reference disagree")


if __name__ == "__main__":
    main()
