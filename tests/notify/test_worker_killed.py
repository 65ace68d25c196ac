"""A worker killed with SIGKILL while the provider holds a message: nothing is lost, the
next worker sends it again after the lease with the same idempotency key, and records it."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from motcua.notify.models import Message, Status
from motcua.notify.outbox import enqueue
from motcua.notify.shipped import seed_templates

TESTS = Path(__file__).resolve().parents[1]


def _database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    host = config["HOST"] or "127.0.0.1"
    return f"postgres://{config['USER']}@{host}:{config['PORT'] or 5432}/{config['NAME']}"


def _worker(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "motcua", "worker", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nothing_and_resends_with_the_same_key(tmp_path):
    # Committed rows, so that the worker processes see them; an earlier transactional
    # test's flush may have taken the shipped message templates.
    seed_templates()
    enqueue(template="otp", context={"code": "482913", "minutes": 10}, to_phone="0912345678")
    message = Message.objects.get()
    sent = tmp_path / "sent.txt"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MOTCUA_VAR_DIR": str(tmp_path / "var"),
        "MOTCUA_SMS_BACKEND": "slow_sms.RecordingBackend",
        "MOTCUA_TEST_SMS_FILE": str(sent),
        "PYTHONPATH": f"{TESTS / 'notify'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    hanging = _worker({**env, "MOTCUA_TEST_SMS_HANG": "1"}, "--interval", "0.2")
    try:
        deadline = time.monotonic() + 60
        while not (sent.exists() and sent.read_text()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert sent.exists(), "the worker never reached the provider"
    finally:
        hanging.send_signal(signal.SIGKILL)
        hanging.wait(timeout=30)
    message.refresh_from_db()
    assert message.status == Status.PENDING and message.attempts == 0  # not lost
    # The lease of the dead worker runs out.
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(1))
    assert _worker(env, "--once").wait(timeout=120) == 0
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1
    key = f"motcua-message-{message.pk}"
    assert sent.read_text().splitlines() == [f"{key} 0912345678", f"{key} 0912345678"]
