"""Report and list reads on a streaming replica (docs/scaling.md, decision 0120).

Starts its own PostgreSQL 15 primary on 127.0.0.1:55432 (initdb in a temporary folder: the
machine's own cluster on 5432 accepts no replication connections), loads a province of
`--dossiers` dossiers with `bench/reports_data.py`, copies it with pg_basebackup into a
hot standby on 55433 that follows the primary's WAL, then, in a process whose settings have
`DATABASE_URL` = the primary and `MOTCUA_DATABASE_REPLICA_URL` = the replica (the real
settings path), measures: how long a write on the primary takes to show on the replica,
which database the report pages and API lists read from, and the same report timed on
the primary and on the replica. Both clusters are stopped and removed at the end.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench import pgcluster

ARGS = argparse.ArgumentParser(prog="bench replica")
ARGS.add_argument("--dossiers", type=int, default=20_000)
ARGS.add_argument("--inside", choices=("load", "measure"), help=argparse.SUPPRESS)
PRIMARY_PORT, REPLICA_PORT = 55432, 55433
DATABASE = "motcua"


def main() -> None:
    options, _ = ARGS.parse_known_args()
    if options.inside == "load":
        return load(options.dossiers)
    if options.inside == "measure":
        return measure()
    if not pgcluster.available():
        print(f"replica bench needs PostgreSQL 15 server binaries in {pgcluster.BIN}")
        return
    with tempfile.TemporaryDirectory(prefix="motcua-replica-") as folder:
        pgcluster.own(Path(folder))
        primary = pgcluster.Cluster(Path(folder) / "primary", PRIMARY_PORT)
        replica = pgcluster.Cluster(Path(folder) / "replica", REPLICA_PORT)
        try:
            primary.init().start()
            pgcluster.run(str(pgcluster.BIN / "createdb"), "-h", "127.0.0.1", "-p",
                          str(PRIMARY_PORT), "-U", "postgres", DATABASE)  # fmt: skip
            pgcluster.child(
                "replica", {"DATABASE_URL": primary.url(DATABASE)}, "--inside", "load",
                "--dossiers", str(options.dossiers),
            )  # fmt: skip
            seconds = replica.replica_of(primary)
            replica.start()
            print(f"  pg_basebackup of the primary (WAL streamed): {seconds:.1f} s")
            pgcluster.child(
                "replica",
                {
                    "DATABASE_URL": primary.url(DATABASE),
                    "MOTCUA_DATABASE_REPLICA_URL": replica.url(DATABASE),
                    "MOTCUA_ALLOWED_HOSTS": "testserver",
                },
                "--inside",
                "measure",
            )
        finally:
            replica.stop()
            primary.stop()


def load(dossiers: int) -> None:
    from django.core.management import call_command

    from bench.reports_bench import load as load_province

    call_command("migrate", verbosity=0)
    load_province(dossiers)


def measure() -> None:
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from motcua import replica
    from motcua.org.models import Agency, AgencyKind, Role, RoleAssignment
    from motcua.reports.periodic import periodic_report
    from motcua.reports.periods import parse

    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0], "the replica alias is not a standby"
    print("  replica alias: a hot standby (pg_is_in_recovery() = true)")

    lags = []
    for n in range(20):
        code = f"bench-{n}-{time.time_ns()}"
        began = time.perf_counter()
        AgencyKind.objects.create(code=code, name="Đơn vị thử")  # the primary
        while not AgencyKind.objects.using("replica").filter(code=code).exists():
            time.sleep(0.0005)
        lags.append(time.perf_counter() - began)
    print(
        f"  a committed write visible on the replica after: median {statistics.median(lags) * 1000:.1f} ms, "
        f"max {max(lags) * 1000:.1f} ms (20 writes, polled every 0.5 ms)"
    )
    refused = _write_on_replica_refused()
    print(f"  a write sent to the replica directly is refused: {refused}")

    from django.contrib.auth import get_user_model

    province = Agency.objects.get(parent=None)
    reporter = get_user_model().objects.create_user("bench-reporter", password="x" * 16)
    RoleAssignment.objects.create(user=reporter, role=Role.REPORTER, agency=province)
    staff = Client()
    staff.force_login(reporter)  # the session is written on the primary
    anonymous = Client()
    pages = [
        (staff, "/reports/bieu-06/?year=2024"),
        (staff, "/reports/dashboard/?year=2024"),
        (anonymous, "/api/v1/procedures?q=dang+ky"),
        (anonymous, "/api/v1/agencies?kind=commune"),
        (staff, "/office/"),
    ]
    print(f"  {'request':<36} {'status':>6} {'on replica':>10} {'on primary':>10}")
    for client, url in pages:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as standby,
        ):
            status = client.get(url).status_code
        print(f"  {url:<36} {status:>6} {len(standby):>10} {len(primary):>10}")

    period = parse({"year": "2024"}, timezone.localdate())
    now = timezone.now()
    timings = {}
    for where in ("primary", "replica"):
        runs = []
        for _ in range(5):
            began = time.perf_counter()
            if where == "replica":
                with replica.reads():
                    periodic_report(province, period, now)
            else:
                periodic_report(province, period, now)
            runs.append(time.perf_counter() - began)
        timings[where] = statistics.median(runs)
    print(
        f"  Biểu 06 of the province, 2024, median of 5: primary {timings['primary'] * 1000:.0f} ms, "
        f"replica {timings['replica'] * 1000:.0f} ms"
    )


def _write_on_replica_refused() -> bool:
    from django.db import DatabaseError, connections, transaction

    try:
        with transaction.atomic(using="replica"), connections["replica"].cursor() as cursor:
            cursor.execute("CREATE TABLE bench_refused (id int)")
    except DatabaseError as error:
        return "read-only" in str(error)
    return False
