"""Two outbox workers at once (docs/scaling.md): each message of a shared queue goes out
exactly once, with one attempt recorded, whichever worker claimed it."""

from collections import Counter

import pytest
from notify.worker_processes import start_worker, worker_env

from motcua.notify.models import Attempt, Message, Status
from motcua.notify.outbox import enqueue
from motcua.notify.shipped import seed_templates

MESSAGES = 80


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_every_message_of_a_shared_queue_exactly_once(tmp_path):
    seed_templates()  # committed rows: the worker processes must see them
    for n in range(MESSAGES):
        enqueue(template="otp", context={"code": f"{n:06}", "minutes": 10}, to_phone=f"09{n:08}")
    sent = tmp_path / "sent.txt"
    meet = tmp_path / "meet"
    meet.mkdir()
    # Each worker's first send waits until the other is in the middle of one: both are
    # claiming from the same queue at the same time, not one after the other.
    env = worker_env(tmp_path, sent, MOTCUA_TEST_SMS_MEET=str(meet))
    workers = [start_worker(env, "--once") for _ in range(2)]
    for process in workers:
        assert process.wait(timeout=180) == 0, process.stderr.read().decode()

    lines = [line.split() for line in sent.read_text().splitlines()]
    keys = Counter(key for key, _to, _pid in lines)
    expected = {f"motcua-message-{pk}" for pk in Message.objects.values_list("pk", flat=True)}
    assert set(keys) == expected and len(expected) == MESSAGES
    assert max(keys.values()) == 1  # nothing sent twice
    assert len({pid for *_, pid in lines}) == 2  # both workers sent some
    assert len(list(meet.iterdir())) == 2
    assert set(Message.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert Attempt.objects.count() == MESSAGES
