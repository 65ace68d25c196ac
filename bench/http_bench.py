"""The app under HTTP load (issue 16): generated dossiers (`bench/reports_data.py`, the
reports benchmark's province: `--dossiers`, `--keep` to reuse the database), served by
gunicorn as docs/deployment.md says, driven by locust (headless, bounded in time) with a
mix of citizens (home, search, procedure pages, tracking), staff (dashboard, work queue,
dossier workspace) and API clients (lists), after a static-file baseline served by the same
server in the same run. Prints per URL the median, p95 and p99 latency, requests/s, errors,
and requests/s per CPU of the machine (locust and PostgreSQL run on it too), with the load
average before and after.

`make bench BENCH_ARGS="http --dossiers 1000000 --keep"`.
"""

import argparse
import csv
import os
import subprocess
import tempfile
from pathlib import Path

from django.db import connection

from bench import serving

ARGS = argparse.ArgumentParser(prog="bench http")
ARGS.add_argument("--dossiers", type=int, default=1_000_000)
ARGS.add_argument("--keep", action="store_true", help="keep (or reuse) the generated database")
ARGS.add_argument("--users", type=int, default=16, help="concurrent locust users")
ARGS.add_argument("--seconds", type=int, default=60, help="length of the measured mixed load")
ARGS.add_argument("--port", type=int, default=58000)
ARGS.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
CPUS = os.cpu_count() or 1


def main() -> None:
    options, _ = ARGS.parse_known_args()
    if connection.vendor != "postgresql":
        print("http bench needs PostgreSQL: DATABASE_URL=postgres://... make bench BENCH_ARGS=http")
        return
    from bench.reports_bench import province

    with province(options.dossiers, options.keep), tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        plan = serving.plan(folder)
        env = serving.app_env(folder, serving.database_url(connection.settings_dict))
        connection.close()
        serving.collect_static(env)
        server = serving.Gunicorn(env, options.port, threads=options.threads)
        try:
            drive(server, plan, folder, options)
        finally:
            server.stop()


def drive(server: serving.Gunicorn, plan: Path, folder: Path, options) -> None:
    static = server.static_path()
    print(
        f"{options.dossiers:,} dossiers; gunicorn, 4 workers × {options.threads} threads;"
        f" {options.users} locust users; {CPUS} CPUs"
    )
    phases = (("static", "static", 15), ("warm-up", "mix", 15), ("mix", "mix", options.seconds))
    for label, mix, seconds in phases:
        before = serving.load_average()
        rows = locust(server.url, plan, static, mix, seconds, options.users, folder / label)
        if label != "warm-up":
            report(f"{label}, {seconds} s, load average {before} → {serving.load_average()}", rows)


def locust(url, plan, static, mix, seconds, users, prefix) -> list[dict]:
    env = {
        **os.environ,
        "MOTCUA_BENCH_PLAN": str(plan),
        "MOTCUA_BENCH_STATIC": static,
        "MOTCUA_BENCH_MIX": mix,
    }
    subprocess.run(
        [serving.BIN / "locust", "-f", LOCUSTFILE, "--headless", "--host", url, "-u", str(users),
         "-r", str(users), "-t", f"{seconds}s", "--csv", prefix, "--only-summary",
         "--loglevel", "WARNING", "--stop-timeout", "5"],
        env=env, check=False, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as file:
        return list(csv.DictReader(file))


def report(title: str, rows: list[dict]) -> None:
    print(f"\n  {title}")
    print(
        f"  {'URL':<34} {'requests':>8} {'errors':>6} {'median':>7} {'p95':>7} {'p99':>7} {'req/s':>7}"
    )
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"  {name:<34} {int(row['Request Count']):>8,} {int(row['Failure Count']):>6} "
            f"{row['50%']:>5} ms {row['95%']:>4} ms {row['99%']:>4} ms {float(row['Requests/s']):>7.1f}"
        )
    total = rows[-1]
    print(f"  requests/s per CPU: {float(total['Requests/s']) / CPUS:.1f}")
