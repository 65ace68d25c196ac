"""Personal data stays out of the logs; every attempt at a message carries one
idempotency key, so a provider can drop the copy a dead worker sends again."""

import logging
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from motcua.notify import worker
from motcua.notify.models import Message
from motcua.notify.outbox import enqueue
from motcua.notify.sms import LogBackend, MemoryBackend
from motcua.security.logs import MaskPersonalData, mask


def test_phone_and_id_numbers_are_masked_in_every_log_line(caplog):
    logger = logging.getLogger("motcua.test")
    handler = caplog.handler
    handler.addFilter(MaskPersonalData())
    try:
        logger.warning("tra cứu %s và %s", "072095001234", "0912 345 678")
    finally:
        handler.removeFilter(handler.filters[-1])
    assert "072095001234" not in caplog.text and "0912 345 678" not in caplog.text
    assert "072******234" in caplog.text and "091****678" in caplog.text
    assert mask("mã hồ sơ 000.21.21.H56-250303-0001") == "mã hồ sơ 000.21.21.H56-250303-0001"


def test_the_log_sms_backend_never_logs_the_text_or_the_number(caplog):
    with caplog.at_level(logging.INFO, logger="motcua.sms"):
        LogBackend().send("0912345678", "482913 là mã xác thực", key="motcua-message-7")
    assert "482913" not in caplog.text and "0912345678" not in caplog.text
    assert "091****678" in caplog.text and "motcua-message-7" in caplog.text


def test_the_sms_logger_is_not_forced_to_info(settings):
    assert "motcua.sms" not in settings.LOGGING.get("loggers", {})


def test_a_message_sent_again_after_a_dead_worker_carries_the_same_key(db, settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.notify.sms.MemoryBackend"
    MemoryBackend.keys.clear()
    enqueue(template="otp", context={"code": "482913", "minutes": 10}, to_phone="0912345678")
    message = Message.objects.get()
    now = timezone.now()
    # The first worker sends, then dies before recording it; its lease runs out.
    worker.send(worker.claim(now))
    assert worker.run_once(now + worker.LEASE + timedelta(seconds=1)) == 1
    assert MemoryBackend.keys == [f"motcua-message-{message.pk}"] * 2


def test_an_email_carries_the_message_id_as_its_key(db):
    enqueue(template="otp", context={"code": "482913", "minutes": 10}, to_email="a@example.vn")
    worker.run_once()
    message = Message.objects.get()
    assert mail.outbox[0].extra_headers["X-Idempotency-Key"] == f"motcua-message-{message.pk}"
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<motcua-message-{message.pk}@")
