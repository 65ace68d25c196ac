"""Reports at scale, on PostgreSQL: 10 million dossiers of a province of 100 agencies over
2020-2024 (`bench/reports_data.py` writes them with COPY), then the yearly Biểu 06 for the
province and for one commune, the dashboard and the service index, each timed against the
best aggregate we could write by hand over the raw dossier table, given covering indexes
made for it, in the same run. The figures both compute must agree.

Runs in a throwaway database (`test_<name>` of DATABASE_URL), dropped at the end unless
`--keep` (then a later `--keep` run reuses it). `make bench BENCH_ARGS="reports --dossiers
1000000"` for a quicker run.
"""

import argparse
import statistics
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.db import connection

ARGS = argparse.ArgumentParser(prog="bench reports")
ARGS.add_argument("--dossiers", type=int, default=10_000_000)
ARGS.add_argument("--keep", action="store_true", help="keep the database for a later run")
ARGS.add_argument("--repeat", type=int, default=5)
YEAR = 2024
# Indexes for the hand-written baseline: every column its aggregates read, so that they
# run as index-only scans over the period's rows.
BASELINE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_received ON dossiers_dossier (received_at) INCLUDE "
    "(handling_agency_id, procedure_id, channel, finished_at, outcome, due_at, fee_amount)",
    "CREATE INDEX IF NOT EXISTS bench_finished ON dossiers_dossier (finished_at) INCLUDE "
    "(handling_agency_id, procedure_id, channel, received_at, outcome, due_at, fee_amount)",
    "CREATE INDEX IF NOT EXISTS bench_agency_received ON dossiers_dossier "
    "(handling_agency_id, received_at) INCLUDE (procedure_id, channel, finished_at, outcome, due_at)",
    "CREATE INDEX IF NOT EXISTS bench_agency_finished ON dossiers_dossier "
    "(handling_agency_id, finished_at) INCLUDE (procedure_id, received_at, outcome)",
    "CREATE INDEX IF NOT EXISTS bench_open ON dossiers_dossier (handling_agency_id) "
    "INCLUDE (procedure_id, received_at, due_at) WHERE finished_at IS NULL",
    "CREATE INDEX IF NOT EXISTS bench_rating ON dossiers_rating (created_at) INCLUDE "
    "(dossier_id, reception, handling, result)",
)


def main() -> None:
    options, _ = ARGS.parse_known_args()
    if connection.vendor != "postgresql":
        print(
            "reports bench needs PostgreSQL: "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench make bench BENCH_ARGS=reports"
        )
        return
    with province(options.dossiers, options.keep):
        if options.dossiers <= 100_000:
            check_rebuild()
        measure(options.repeat)


@contextmanager
def province(dossiers: int, keep: bool):
    """The throwaway database (`test_<name>`) holding `dossiers` generated dossiers: made
    and loaded, or reused when `keep` finds it; dropped at the end unless `keep`."""
    from motcua.dossiers.models import Dossier

    # serialize=False: a kept database is not dumped into memory (ten million rows).
    name = connection.creation.create_test_db(
        verbosity=0, autoclobber=not keep, keepdb=keep, serialize=False
    )
    try:
        present = Dossier.objects.count()
        if present != dossiers:
            if present:
                raise SystemExit(
                    f"the kept database has {present:,} dossiers; drop it or ask for them"
                )
            load(dossiers)
        yield name
    finally:
        if not keep:
            connection.creation.destroy_test_db(name, verbosity=0)


def check_rebuild() -> None:
    """At small sizes: the generated rollups are those `motcua reports rebuild` computes
    from the generated events (step rollups excepted: the generator makes them up)."""
    from motcua.reports.models import MEASURES, Rollup
    from motcua.reports.rebuild import rebuild

    def rows():
        columns = ("agency_id", "grain", "starts_on", "procedure_id", "channel", *MEASURES)
        return sorted(r for r in Rollup.objects.values_list(*columns) if any(r[5:]))

    generated = rows()
    rebuild()
    print(f"  rebuild from the events gives the generated rollups: {rows() == generated}")


def _clock(label: str, began: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<44} {now - began:8.1f} s", flush=True)
    return now


def load(total: int) -> None:
    from bench import reports_data
    from motcua.workdays.loader import calendar_for

    print(f"generating {total:,} dossiers, 2020-2024, 100 agencies (COPY, 2 workers)")
    began = start = time.perf_counter()
    units, _ = reports_data.build_province()
    calendar = calendar_for(None)
    deferred = _drop_indexes(("dossiers_dossier", "dossiers_dossierevent"))
    connection.close()
    began = _clock("province and catalog", began)
    summary = reports_data.generate(units, total, connection.settings_dict, calendar)
    began = _clock("dossiers, events, day rollups (COPY)", began)
    with connection.cursor() as cursor:
        for grain, trunc in ((2, "month"), (3, "year")):
            cursor.execute(_derive_rollups(grain, trunc))
        began = _clock("month and year rollups (SQL sums of days)", began)
        for statement in deferred:
            cursor.execute(statement)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), %s)",
            [summary["next_id"]],
        )
        began = _clock("indexes and constraints of the app", began)
        for statement in BASELINE_INDEXES:
            cursor.execute(statement)
        began = _clock("covering indexes for the baseline", began)
        cursor.execute("VACUUM ANALYZE dossiers_dossier")
        cursor.execute("VACUUM ANALYZE reports_rollup")
        cursor.execute("ANALYZE")
        began = _clock("vacuum, analyze", began)
        cursor.execute("SELECT count(*) FROM dossiers_dossierevent")
        events = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_rollup")
        rollups = cursor.fetchone()[0]
    print(
        f"  total {time.perf_counter() - start:.0f} s: {summary['dossiers']:,} dossiers, {events:,} events, "
        f"{rollups:,} rollup rows; open at the end: {summary.get('open', 0):,}"
    )
    _check_chains()


def _drop_indexes(tables: tuple[str, ...]) -> list[str]:
    """Drop the tables' secondary indexes and constraints; return the statements that
    recreate them (loading 50 million rows and then indexing is much faster)."""
    recreate, drop = [], []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
                [table],
            )
            for name, definition in cursor.fetchall():
                drop.append(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                recreate.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
            for name, definition in cursor.fetchall():
                drop.append(f'DROP INDEX "{name}"')
                recreate.insert(0, definition)
        for statement in drop:
            cursor.execute(statement)
    return recreate


def _derive_rollups(grain: int, trunc: str) -> str:
    from motcua.reports.models import MEASURES

    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    return (
        f"INSERT INTO reports_rollup (agency_id, grain, starts_on, procedure_id, channel, {', '.join(MEASURES)}) "
        f"SELECT agency_id, {grain}, date_trunc('{trunc}', starts_on)::date, procedure_id, channel, {sums} "
        "FROM reports_rollup WHERE grain = 1 GROUP BY 1, 3, 4, 5"
    )


def _check_chains() -> None:
    from motcua.dossiers.events import verify_chain
    from motcua.dossiers.models import Dossier

    sample = Dossier.objects.order_by("?")[:200]
    broken = [d.code for d in sample if verify_chain(d.events.order_by("sequence")) is not None]
    print(f"  hash chains of 200 random dossiers: {'all valid' if not broken else broken[:5]}")


# ------------------------------------------------------------------------------- measuring


def _time(function, repeat: int) -> tuple[float, object]:
    result = function()  # warm: plans, caches, buffers
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs), result


def measure(repeat: int) -> None:
    from bench.reports_data import NOW
    from motcua.org.models import Agency
    from motcua.reports.dashboard import dashboard
    from motcua.reports.figures import subtree_ids
    from motcua.reports.index import service_index
    from motcua.reports.periodic import periodic_report
    from motcua.reports.periods import period

    province = Agency.objects.get(parent__isnull=True, code__endswith="B99")
    commune = Agency.objects.filter(kind__code="commune").order_by("code").first()
    year = period("year", YEAR, start_day=1)
    month = date(YEAR, 11, 1)
    rows = []
    print(f"\nreports of {YEAR} (median of {repeat} warm runs), now = {NOW:%d/%m/%Y %H:%M}")
    for label, agency in (
        ("Biểu 06, year, province (100 agencies)", province),
        ("Biểu 06, year, one commune", commune),
    ):
        ids = subtree_ids(agency)
        fast, report = _time(lambda a=agency: periodic_report(a, year, NOW), repeat)
        slow, raw = _time(lambda i=ids: raw_periodic(i, year.first, year.last), repeat)
        _compare(report, raw)
        rows.append((label, fast, slow))
    fast, _ = _time(lambda: dashboard(province, year, NOW), repeat)
    slow, _ = _time(lambda: raw_dashboard(subtree_ids(province), year.first, year.last), repeat)
    rows.append(("dashboard, year, province", fast, slow))
    fast, index = _time(lambda: service_index(province, month), repeat)
    slow, raw = _time(lambda: raw_index(subtree_ids(province), month), repeat)
    progress = next(s for s in index.scores if s.metric.source == "progress")
    assert (progress.numerator, progress.denominator) == raw[:2], (progress, raw)
    rows.append(("service index, one month, province", fast, slow))
    print(f"  {'report':<40} {'rollups':>10} {'raw SQL':>10} {'ratio':>8}")
    for label, fast, slow in rows:
        print(f"  {label:<40} {fast * 1000:8.1f} ms {slow * 1000:8.1f} ms {slow / fast:7.1f}×")


def _compare(report, raw: dict) -> None:
    """The rollups and the raw table must agree on every figure both can compute."""
    total = report.total
    mine = {
        "received": total.received,
        "online": total.online,
        "carried": total.carried,
        "early": total.early,
        "on_time": total.on_time,
        "late": total.late,
        "refused": total.refused,
        "withdrawn": total.withdrawn,
        "in_progress": total.in_progress,
    }
    assert mine == raw, (mine, raw)
    assert total.balanced


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    from bench.reports_data import VN

    return (
        datetime.combine(first, datetime.min.time(), VN),
        datetime.combine(last + timedelta(days=1), datetime.min.time(), VN),
    )


_RAW_PERIODIC = """
WITH scope AS (
    SELECT procedure_id, channel, received_at, finished_at, outcome FROM dossiers_dossier
    WHERE handling_agency_id = ANY(%(ids)s) AND received_at >= %(s)s AND received_at < %(e)s
    UNION ALL
    SELECT procedure_id, channel, received_at, finished_at, outcome FROM dossiers_dossier
    WHERE handling_agency_id = ANY(%(ids)s) AND finished_at >= %(s)s AND received_at < %(s)s
    UNION ALL
    SELECT procedure_id, channel, received_at, finished_at, outcome FROM dossiers_dossier
    WHERE handling_agency_id = ANY(%(ids)s) AND finished_at IS NULL AND received_at < %(s)s
)
SELECT procedure_id,
    count(*) FILTER (WHERE received_at >= %(s)s),
    count(*) FILTER (WHERE received_at >= %(s)s AND channel = 'online'),
    count(*) FILTER (WHERE received_at < %(s)s),
    count(*) FILTER (WHERE finished_at < %(e)s AND outcome = 'early'),
    count(*) FILTER (WHERE finished_at < %(e)s AND outcome = 'on_time'),
    count(*) FILTER (WHERE finished_at < %(e)s AND outcome = 'late'),
    count(*) FILTER (WHERE finished_at < %(e)s AND outcome = 'refused'),
    count(*) FILTER (WHERE finished_at < %(e)s AND outcome = 'withdrawn'),
    count(*) FILTER (WHERE finished_at IS NULL OR finished_at >= %(e)s)
FROM scope GROUP BY procedure_id
"""


def raw_periodic(ids: list[int], first: date, last: date) -> dict:
    """Biểu 06's figures straight from the dossiers (by procedure, summed up here)."""
    s, e = _bounds(first, last)
    with connection.cursor() as cursor:
        cursor.execute(_RAW_PERIODIC, {"ids": ids, "s": s, "e": e})
        rows = cursor.fetchall()
    names = (
        "received",
        "online",
        "carried",
        "early",
        "on_time",
        "late",
        "refused",
        "withdrawn",
        "in_progress",
    )
    return {name: sum(row[n + 1] for row in rows) for n, name in enumerate(names)}


_RAW_DASHBOARD = (
    """SELECT date_trunc('month', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), count(*),
           count(*) FILTER (WHERE channel = 'online')
       FROM dossiers_dossier WHERE handling_agency_id = ANY(%(ids)s)
       AND received_at >= %(s)s AND received_at < %(e)s GROUP BY 1""",
    """SELECT date_trunc('month', finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), outcome, count(*)
       FROM dossiers_dossier WHERE handling_agency_id = ANY(%(ids)s)
       AND finished_at >= %(s)s AND finished_at < %(e)s GROUP BY 1, 2""",
    """SELECT handling_agency_id, outcome, count(*) FROM dossiers_dossier
       WHERE handling_agency_id = ANY(%(ids)s) AND finished_at >= %(s)s AND finished_at < %(e)s
       GROUP BY 1, 2""",
    """SELECT procedure_id, count(*) FROM dossiers_dossier WHERE handling_agency_id = ANY(%(ids)s)
       AND finished_at >= %(s)s AND finished_at < %(e)s AND outcome = 'late'
       GROUP BY 1 ORDER BY 2 DESC LIMIT 10""",
)


def raw_dashboard(ids: list[int], first: date, last: date) -> list:
    """The dashboard's rates (by month, by agency) and most-late procedures, from the dossiers."""
    s, e = _bounds(first, last)
    results = []
    with connection.cursor() as cursor:
        for sql in _RAW_DASHBOARD:
            cursor.execute(sql, {"ids": ids, "s": s, "e": e})
            results.append(cursor.fetchall())
    return results


_RAW_INDEX = """
SELECT
    count(*) FILTER (WHERE finished_at >= %(s)s AND finished_at < %(e)s AND outcome IN ('early', 'on_time')),
    count(*) FILTER (WHERE finished_at >= %(s)s AND finished_at < %(e)s AND outcome IN ('early', 'on_time', 'late')),
    count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s AND channel = 'online' AND p.online_level = 'full'),
    count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s AND p.online_level = 'full'),
    count(*) FILTER (WHERE finished_at >= %(s)s AND finished_at < %(e)s AND outcome IN ('early', 'on_time', 'late') AND d.fee_amount > 0)
FROM (
    SELECT procedure_id, channel, received_at, finished_at, outcome, fee_amount FROM dossiers_dossier
    WHERE handling_agency_id = ANY(%(ids)s) AND received_at >= %(s)s AND received_at < %(e)s
    UNION ALL
    SELECT procedure_id, channel, received_at, finished_at, outcome, fee_amount FROM dossiers_dossier
    WHERE handling_agency_id = ANY(%(ids)s) AND finished_at >= %(s)s AND finished_at < %(e)s AND received_at < %(s)s
) d JOIN catalog_procedure p ON p.id = d.procedure_id
"""
_RAW_RATINGS = """
SELECT count(*), count(*) FILTER (WHERE r.reception >= 2 AND r.handling >= 2 AND r.result >= 2)
FROM dossiers_rating r JOIN dossiers_dossier d ON d.id = r.dossier_id
WHERE r.created_at >= %(s)s AND r.created_at < %(e)s AND d.handling_agency_id = ANY(%(ids)s)
"""


def raw_index(ids: list[int], month: date) -> tuple:
    """The computed metrics of the service index for one month, from the dossiers."""
    after = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    s, e = _bounds(month, after - timedelta(days=1))
    with connection.cursor() as cursor:
        cursor.execute(_RAW_INDEX, {"ids": ids, "s": s, "e": e})
        figures = cursor.fetchone()
        cursor.execute(_RAW_RATINGS, {"ids": ids, "s": s, "e": e})
        return figures + cursor.fetchone()
