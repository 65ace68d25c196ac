import os
import signal
import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone

from motcua.notify import worker
from motcua.notify.models import Message, Status
from motcua.notify.outbox import enqueue
from motcua.notify.sms import MemoryBackend, get_backend, strip_diacritics


def otp(to_email="binh@example.vn", to_phone="0912345678"):
    return enqueue(
        template="otp",
        context={"code": "482913", "minutes": 10},
        to_email=to_email,
        to_phone=to_phone,
    )


@pytest.fixture
def broken_mail(monkeypatch):
    """The mail server refuses everything until `broken_mail.repair()`."""

    class Outage:
        def __init__(self):
            monkeypatch.setattr(locmem.EmailBackend, "send_messages", self.refuse)

        @staticmethod
        def refuse(backend, messages):
            raise ConnectionRefusedError("SMTP server unreachable")

        def repair(self):
            monkeypatch.undo()

    return Outage()


def test_messages_wait_while_no_worker_runs_and_go_out_when_one_does(db):
    email, sms = otp()
    assert mail.outbox == [] and MemoryBackend.sent == []  # nothing is sent at enqueue time

    assert worker.run_once(now=timezone.now() + timedelta(hours=6)) == 2

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["binh@example.vn"], "Mã xác thực tài khoản dịch vụ công: 482913")
    ]
    assert MemoryBackend.sent == [("0912345678", sms.body)]
    for message in (email, sms):
        message.refresh_from_db()
        assert message.status == Status.SENT and message.attempts == 1
        assert message.sent_at is not None
        assert [a.ok for a in message.attempt_log.all()] == [True]
    assert worker.run_once() == 0  # sent once, never again


def test_a_failing_mail_server_keeps_the_message_and_retries_with_back_off(db, broken_mail):
    [message] = otp(to_phone="")
    start = timezone.now()

    assert worker.run_once(now=start) == 1
    message.refresh_from_db()
    assert message.status == Status.PENDING and message.attempts == 1
    assert message.next_attempt_at == start + timedelta(minutes=1)
    assert "SMTP server unreachable" in message.last_error
    assert worker.run_once(now=start + timedelta(seconds=59)) == 0  # not due yet

    worker.run_once(now=start + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == start + timedelta(minutes=3)  # waited 2 more minutes

    broken_mail.repair()
    worker.run_once(now=start + timedelta(minutes=3))
    message.refresh_from_db()
    assert message.status == Status.SENT and len(mail.outbox) == 1
    assert [a.ok for a in message.attempt_log.all()] == [False, False, True]


def test_back_off_doubles_up_to_an_hour():
    assert [worker.retry_delay(n) // timedelta(minutes=1) for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]


def test_after_the_last_attempt_the_message_is_failed_and_can_be_sent_again(
    db, settings, broken_mail, admin_client
):
    settings.MOTCUA_NOTIFY_MAX_ATTEMPTS = 3
    [message] = otp(to_phone="")
    at = timezone.now()
    for _ in range(3):
        worker.run_once(now=at)
        at += timedelta(hours=1)
    message.refresh_from_db()
    assert message.status == Status.FAILED and message.attempts == 3
    assert worker.run_once(now=at + timedelta(days=1)) == 0  # a failed message waits for a person

    listing = admin_client.get("/admin/notify/message/", {"status": "failed"}).content.decode()
    assert "Gửi không được (đã hết số lần thử)" in listing and "Gửi lại" in listing
    detail = admin_client.get(f"/admin/notify/message/{message.pk}/change/").content.decode()
    assert "SMTP server unreachable" in detail  # every attempt is shown with its error

    broken_mail.repair()
    admin_client.post(
        "/admin/notify/message/", {"action": "send_again", "_selected_action": [message.pk]}
    )
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 0)
    worker.run_once()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempt_log.count() == 4  # the history of the failed tries stays


def test_a_message_is_claimed_by_one_worker_only(db):
    [message] = otp(to_phone="")
    now = timezone.now()
    assert worker.claim(now) == message
    assert worker.claim(now) is None  # a second worker finds it taken
    # The lease ends: a worker that died while sending leaves the message due again.
    assert worker.claim(now + worker.LEASE) == message


def test_sms_keep_their_diacritics_unless_the_backend_is_told_otherwise(db, settings):
    assert strip_diacritics("Hồ sơ ĐÃ được tiếp nhận") == "Ho so DA duoc tiep nhan"
    settings.MOTCUA_SMS_ASCII = True
    otp(to_email="")
    worker.run_once()
    assert MemoryBackend.sent[0][1].startswith("482913 la ma xac thuc dich vu cong")
    settings.MOTCUA_SMS_ASCII = False
    assert get_backend().ascii_only is False


def test_the_worker_command_sends_once_and_exits(db):
    otp()
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert out.getvalue().strip() == "Đã xử lý 2 tin."
    assert not Message.objects.filter(status=Status.PENDING).exists()


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_stops_the_worker_cleanly():
    # transactional: the running worker closes its database connection between rounds.
    otp()
    out = StringIO()
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        call_command("worker", "--interval", "0.1", stdout=out)
    finally:
        timer.cancel()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert out.getvalue().splitlines()[-1] == "Worker đã dừng."
    assert Message.objects.filter(status=Status.SENT).count() == 2
