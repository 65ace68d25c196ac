"""The worker: sends due messages from the outbox, retrying failures with back-off.

Like healthchecks' `sendalerts`, it needs no broker: each message is claimed with one
conditional UPDATE (pushing its `next_attempt_at` forward by a lease), so several workers
never send the same message twice at once, and a worker that dies mid-send leaves the
message due again when the lease ends.
"""

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import close_old_connections, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Attempt, Channel, MachineChannel, Message, Status
from .sms import get_backend

logger = logging.getLogger("motcua.notify")

# How long a claimed message stays out of other workers' reach while it is being sent.
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """Wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour.

    >>> [retry_delay(n).seconds // 60 for n in (1, 2, 3, 7, 8)]
    [1, 2, 4, 60, 60]
    """
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def claim(now: datetime) -> Message | None:
    """Take the message that has been due longest, or None when nothing is due.

    On an ordered channel (webhooks, the national portal) a message waits while an earlier
    one to the same recipient about the same dossier is still pending."""
    earlier = Message.objects.filter(
        status=Status.PENDING,
        channel=OuterRef("channel"),
        to=OuterRef("to"),
        dossier=OuterRef("dossier"),
        pk__lt=OuterRef("pk"),
    )
    due = Message.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).filter(
        ~Q(channel__in=MachineChannel.values) | ~Exists(earlier)
    )
    for pk, stamp in due.order_by("next_attempt_at", "pk").values_list("pk", "next_attempt_at")[
        :10
    ]:
        # Only one worker's UPDATE matches the old stamp; the others move on to the next one.
        taken = Message.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at=stamp).update(
            next_attempt_at=now + LEASE
        )
        if taken:
            return Message.objects.get(pk=pk)
    return None


def idempotency_key(message: Message) -> str:
    """The same for every attempt at one message: what lets a provider drop a copy."""
    return f"motcua-message-{message.pk}"


def send(message: Message) -> None:
    """Hand one message to its channel; raises whatever the backend raises. Delivery is at
    least once (docs/security.md): every attempt carries the message's idempotency key, as
    the SMS provider's key and as the e-mail's Message-ID."""
    key = idempotency_key(message)
    if message.channel == Channel.EMAIL:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "motcua"
        EmailMessage(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to],
            headers={"Message-ID": f"<{key}@{domain}>", "X-Idempotency-Key": key},
        ).send()
    elif message.channel in MachineChannel.values:
        from motcua.interop.delivery import deliver_json

        deliver_json(message)
    else:
        get_backend().send(message.to, message.body, key=key)


@transaction.atomic
def record(message: Message, at: datetime, error: str = "") -> None:
    """Write the outcome of one attempt: sent, due again later, or failed for good."""
    message.attempts += 1
    Attempt.objects.create(message=message, at=at, ok=not error, error=error)
    if not error:
        message.status = Status.SENT
        message.sent_at = at
        message.last_error = ""
    else:
        message.last_error = error
        if message.attempts >= settings.MOTCUA_NOTIFY_MAX_ATTEMPTS:
            message.status = Status.FAILED
        else:
            message.next_attempt_at = at + retry_delay(message.attempts)
    message.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])


def deliver(message: Message, now: datetime | None = None) -> bool:
    """Try to send a claimed message and record the attempt; True when it went out."""
    try:
        send(message)
    except Exception as error:  # any provider failure is retried, none stops the worker
        logger.warning("message %s (%s) not sent: %s", message.pk, message.channel, error)
        record(message, now or timezone.now(), f"{type(error).__name__}: {error}"[:2000])
        return False
    record(message, now or timezone.now())
    return True


def run_once(now: datetime | None = None, stop: threading.Event | None = None) -> int:
    """Send every message due at `now` (default: the current time); return how many were
    tried. Each is claimed once per run, so a failing one waits for its back-off."""
    tried = 0
    while not (stop and stop.is_set()):
        message = claim(now or timezone.now())
        if message is None:
            break
        deliver(message, now)
        tried += 1
    return tried


def run(stop: threading.Event, interval: float = 5.0) -> None:
    """Loop until `stop` is set: send what is due, then sleep `interval` seconds."""
    from motcua.security import housekeeping

    while not stop.is_set():
        close_old_connections()
        housekeeping.run_due()
        tried = run_once(stop=stop)
        if tried:
            logger.info("worker: %s message(s) tried", tried)
        stop.wait(interval)
    close_old_connections()
