"""The app served for the HTTP benchmarks as docs/deployment.md says (gunicorn, 4 workers,
MOTCUA_DEBUG=0, WhiteNoise for static files, the shared cache in Redis when reachable), over
a database of generated dossiers; and what the load client needs: staff sessions, dossier
codes to track and to open, procedure codes, the address of a static file."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

BIN = Path(sys.executable).parent
# Vietnamese words citizens search for (the catalog's commonest procedures).
SEARCHES = ("khai sinh", "kết hôn", "hộ tịch", "chứng thực", "đất đai", "hộ kinh doanh", "cư trú")
SECRET = "072095000000"  # the applicant ID number bench/reports_data.py gives every dossier
STAFF_AGENCIES = 20
SECRET_KEY = "bench-" + "x" * 50  # the served app's: the staff's sessions are signed with it


def plan(folder: Path) -> Path:
    """Write the load client's plan (JSON) for the database now connected; return its path."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from motcua.catalog.models import Procedure
    from motcua.org.models import Role, RoleAssignment

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT code FROM dossiers_dossier TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT 2000"
        )
        tracked = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT current_agency_id, count(*) FROM dossiers_dossier WHERE finished_at IS NULL"
            " AND current_agency_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT %s",
            [STAFF_AGENCIES],
        )
        agencies = [row[0] for row in cursor.fetchall()]
    staff = []
    users = get_user_model().objects
    for agency in agencies:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT code FROM dossiers_dossier WHERE finished_at IS NULL AND "
                "current_agency_id = %s ORDER BY id LIMIT 50",
                [agency],
            )
            codes = [row[0] for row in cursor.fetchall()]
        for role in (Role.HANDLER, Role.RECEIVER):
            user, _ = users.get_or_create(username=f"bench-{role}-{agency}")
            RoleAssignment.objects.get_or_create(user=user, role=role, agency_id=agency)
            client = Client()
            with override_settings(SECRET_KEY=SECRET_KEY):
                client.force_login(user)
            with connection.cursor() as cursor:  # dossiers at this user's step: to act on
                cursor.execute(
                    "SELECT code FROM dossiers_dossier WHERE finished_at IS NULL AND "
                    'current_agency_id = %s AND "current_role" = %s AND status IN '
                    "('received', 'in_progress', 'approved') ORDER BY id LIMIT 50",
                    [agency, role],
                )
                acting = [row[0] for row in cursor.fetchall()]
            staff.append(
                {
                    "session": client.cookies["sessionid"].value,
                    "queue": "handle" if role == Role.HANDLER else "receive",
                    "dossiers": codes,
                    "acting": acting,
                }
            )
    procedures = list(Procedure.objects.filter(active=True).values_list("code", flat=True))
    path = folder / "plan.json"
    path.write_text(
        json.dumps(
            {
                "procedures": procedures,
                "searches": SEARCHES,
                "tracked": tracked,
                "secret": SECRET,
                "staff": staff,
            }
        )
    )
    return path


def database_url(settings: dict) -> str:
    port = settings.get("PORT") or 5432
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{port}/{settings['NAME']}"
    )


def redis_url() -> str:
    """Redis on loopback (db 11: the benchmark's own) when it answers, else local memory."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/11"


def app_env(folder: Path, database: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database,
        "MOTCUA_DEBUG": "0",
        "MOTCUA_SECRET_KEY": SECRET_KEY,
        "MOTCUA_PLAIN_HTTP": "1",  # no TLS on loopback; a proxy would add it
        "MOTCUA_ALLOWED_HOSTS": "127.0.0.1",
        "MOTCUA_VAR_DIR": str(folder / "var"),
        "MOTCUA_STATIC_ROOT": str(folder / "static"),
        "MOTCUA_CACHE_URL": redis_url(),
        **extra,
    }


def collect_static(env: dict) -> None:
    subprocess.run(
        [BIN / "motcua", "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True
    )


class Gunicorn:
    """`gunicorn motcua.wsgi --workers 4 --threads 4` on `port`, as the systemd unit of
    docs/deployment.md runs it (`threads=1`: one request at a time per process)."""

    def __init__(self, env: dict, port: int, workers: int = 4, threads: int = 4):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "motcua.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
             str(workers), "--threads", str(threads), "--log-level", "warning"],
            env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/track/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.5)

    def static_path(self) -> str:
        """The first stylesheet the home page links to (its hashed, compressed name)."""
        page = urllib.request.urlopen(self.url + "/", timeout=30).read().decode()
        return re.search(r'href="(/static/[^"]+\.css)"', page).group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
