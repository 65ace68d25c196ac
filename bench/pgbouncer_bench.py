"""PgBouncer in transaction mode in front of PostgreSQL (docs/deployment.md, docs/scaling.md).

Over the reports benchmark's province (`--dossiers`, `--keep` to reuse it), gunicorn as
docs/deployment.md says serves the staff's pages (dashboard, work queue, workspace: what no
cache serves) to locust users, three times in one run:

1. directly, with persistent connections (`CONN_MAX_AGE` 60, the default);
2. directly, with a new connection per request (`MOTCUA_PGBOUNCER=1` without PgBouncer:
   what an installation gets when it turns persistent connections off);
3. through PgBouncer (Debian's `pgbouncer`, `pool_mode = transaction`, 8 server
   connections), with `MOTCUA_PGBOUNCER=1`;
4. through PgBouncer, keeping Django's connections to it open (`bench/pgbouncer_settings.py`:
   `CONN_MAX_AGE` 60, server-side cursors still off).

Prints requests/s, latency and errors of each, and how many server connections PostgreSQL
held for the database at the end of each phase.
"""

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.db import connection

from bench import pgcluster, serving
from bench.http_bench import locust, report

ARGS = argparse.ArgumentParser(prog="bench pgbouncer")
ARGS.add_argument("--dossiers", type=int, default=20_000)
ARGS.add_argument("--keep", action="store_true")
ARGS.add_argument("--users", type=int, default=16)
ARGS.add_argument("--seconds", type=int, default=30)
ARGS.add_argument("--port", type=int, default=58010)
BOUNCER_PORT = 56432
ROOT = Path(__file__).resolve().parents[1]
POOL = 8


def main() -> None:
    options, _ = ARGS.parse_known_args()
    if connection.vendor != "postgresql":
        print("pgbouncer bench needs PostgreSQL: DATABASE_URL=postgres://... make bench")
        return
    if shutil.which("pgbouncer") is None and not Path("/usr/sbin/pgbouncer").exists():
        print("pgbouncer bench needs Debian's pgbouncer (make bench installs it)")
        return
    from bench.reports_bench import province

    with province(options.dossiers, options.keep), tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        pgcluster.own(folder)
        plan = serving.plan(folder)
        settings = dict(connection.settings_dict)
        connection.close()
        direct = serving.database_url(settings)
        bounced = serving.database_url({**settings, "HOST": "127.0.0.1", "PORT": BOUNCER_PORT})
        env = serving.app_env(folder, direct)
        serving.collect_static(env)
        pid = start_pgbouncer(folder, settings)
        try:
            phases = (
                ("direct, persistent connections", direct, {}),
                ("direct, a connection per request", direct, {"MOTCUA_PGBOUNCER": "1"}),
                (f"PgBouncer, transaction mode, {POOL} server connections", bounced,
                 {"MOTCUA_PGBOUNCER": "1"}),
                ("PgBouncer, persistent connections to it", bounced,
                 {"MOTCUA_PGBOUNCER": "1", "DJANGO_SETTINGS_MODULE": "bench.pgbouncer_settings",
                  "PYTHONPATH": str(ROOT)}),
            )  # fmt: skip
            for label, url, extra in phases:
                run_phase(label, serving.app_env(folder, url, **extra), plan, folder, options)
        finally:
            subprocess.run(["kill", "-INT", str(pid)], check=False)


def start_pgbouncer(folder: Path, settings: dict) -> int:
    (folder / "users.txt").write_text(f'"{settings["USER"]}" ""\n')
    config = folder / "pgbouncer.ini"
    config.write_text(
        f"""[databases]
{settings["NAME"]} = host={settings["HOST"] or "127.0.0.1"} port={settings["PORT"] or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {BOUNCER_PORT}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "users.txt"}
pool_mode = transaction
default_pool_size = {POOL}
max_client_conn = 500
logfile = {folder / "pgbouncer.log"}
pidfile = {folder / "pgbouncer.pid"}
"""
    )
    for name in ("users.txt", "pgbouncer.ini"):
        pgcluster.own(folder / name)
    pgcluster.run("pgbouncer", "-d", str(config))
    for _ in range(50):
        if (folder / "pgbouncer.pid").exists():
            return int((folder / "pgbouncer.pid").read_text())
        time.sleep(0.1)
    raise RuntimeError("pgbouncer did not start")


def run_phase(label: str, env: dict, plan: Path, folder: Path, options) -> None:
    server = serving.Gunicorn(env, options.port, threads=1)  # as its recorded runs
    try:
        locust(server.url, plan, "", "staff", 10, options.users, folder / "warm-up")
        before = serving.load_average()
        rows = locust(
            server.url, plan, "", "staff", options.seconds, options.users, folder / "staff"
        )
        held = server_connections(env["DATABASE_URL"].rsplit("/", 1)[1])
        report(
            f"{label}: {options.seconds} s, load average {before} → {serving.load_average()}; "
            f"server connections held: {held}",
            rows,
        )
    finally:
        server.stop()


def server_connections(database: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return cursor.fetchone()[0]
