"""Worker processes for the outbox tests: `motcua worker` started against the test
database, with the recording SMS provider of `slow_sms`."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

HERE = Path(__file__).resolve().parent


def database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    host = config["HOST"] or "127.0.0.1"
    return f"postgres://{config['USER']}@{host}:{config['PORT'] or 5432}/{config['NAME']}"


def worker_env(tmp_path: Path, sent: Path, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MOTCUA_VAR_DIR": str(tmp_path / "var"),
        "MOTCUA_SMS_BACKEND": "slow_sms.RecordingBackend",
        "MOTCUA_TEST_SMS_FILE": str(sent),
        "PYTHONPATH": f"{HERE}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        **extra,
    }


def start_worker(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "motcua", "worker", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
