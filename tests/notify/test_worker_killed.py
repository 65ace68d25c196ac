"""A worker killed with SIGKILL while the provider holds a message: nothing is lost, the
next worker sends it again after the lease with the same idempotency key, and records it."""

import signal
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from notify.worker_processes import start_worker, worker_env

from motcua.notify.models import Message, Status
from motcua.notify.outbox import enqueue
from motcua.notify.shipped import seed_templates


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nothing_and_resends_with_the_same_key(tmp_path):
    # Committed rows, so that the worker processes see them; an earlier transactional
    # test's flush may have taken the shipped message templates.
    seed_templates()
    enqueue(template="otp", context={"code": "482913", "minutes": 10}, to_phone="0912345678")
    message = Message.objects.get()
    sent = tmp_path / "sent.txt"
    env = worker_env(tmp_path, sent)
    hanging = start_worker({**env, "MOTCUA_TEST_SMS_HANG": "1"}, "--interval", "0.2")
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
    assert start_worker(env, "--once").wait(timeout=120) == 0
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1
    key = f"motcua-message-{message.pk}"
    assert [line.rsplit(" ", 1)[0] for line in sent.read_text().splitlines()] == [
        f"{key} 0912345678",
        f"{key} 0912345678",
    ]
