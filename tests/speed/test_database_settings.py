"""The database switches of docs/deployment.md section 6a, read from the environment by a
fresh process: PgBouncer in transaction mode, a streaming replica."""

import json
import os
import subprocess
import sys

SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({a: [d['CONN_MAX_AGE'], d.get('DISABLE_SERVER_SIDE_CURSORS', False), "
    "d['PORT'], d.get('TEST', {}).get('MIRROR')] for a, d in s.DATABASES.items()} | "
    "{'routers': s.DATABASE_ROUTERS}))"
)


def databases(tmp_path, **extra) -> dict:
    switches = ("MOTCUA_PGBOUNCER", "MOTCUA_DATABASE_REPLICA_URL")
    env = {k: v for k, v in os.environ.items() if k not in switches} | {
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://motcua@127.0.0.1:6432/motcua",
        **extra,
    }
    out = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_by_default_one_database_with_persistent_connections(tmp_path):
    assert databases(tmp_path) == {"default": [60, False, 6432, None], "routers": []}


def test_behind_pgbouncer_no_persistent_connections_nor_server_side_cursors(tmp_path):
    shown = databases(
        tmp_path,
        MOTCUA_PGBOUNCER="1",
        MOTCUA_DATABASE_REPLICA_URL="postgres://motcua@10.0.0.12:6433/motcua",
    )
    assert shown == {
        "default": [0, True, 6432, None],
        "replica": [0, True, 6433, "default"],
        "routers": ["motcua.replica.Router"],
    }
