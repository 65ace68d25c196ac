"""Webhooks: every dossier event of a client's agencies, posted as signed JSON.

Each event becomes one outbox message per subscription (`notify.Message`, channel
`webhook`), written in the event's transaction; the worker posts it, retries with back-off
(1, 2, 4 … 60 minutes) and keeps the order per dossier: a message waits while an earlier
one about the same dossier to the same subscriber is pending. A subscriber down for hours
gets everything, in order, when it is back.

The signature: `X-Motcua-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>`
with `X-Motcua-Timestamp: <unix seconds>` set at sending; a receiver refuses a timestamp
more than `TOLERANCE` away from its clock (a replayed request).

>>> headers = signed_headers(secret, body, timestamp=1741000000)
>>> verify(secret, body, headers["X-Motcua-Timestamp"], headers["X-Motcua-Signature"],
...        now=1741000060)
True
"""

import hashlib
import hmac
import json
import secrets
import time

import requests
from django.db.models import Q
from django.utils import timezone

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.notify.models import MachineChannel, Message
from motcua.revisions.tokens import kept

from .models import ApiClient, Subscription

TOLERANCE = 300  # seconds
TIMEOUT = 10  # seconds for the subscriber to answer
RECIPIENT = "subscription:"
SUBSCRIPTIONS = "subscriptions"


def subscribe(client: ApiClient, *, url: str, secret: str = "") -> Subscription:
    """Register `url` for the events of the client's agencies; a secret of 32 characters or
    more may be given, else one is made."""
    if not url.startswith(("http://", "https://")):
        raise InvalidInput({"url": "Địa chỉ phải bắt đầu bằng http:// hoặc https://."})
    if secret and len(secret) < 32:
        raise InvalidInput({"secret": "Khóa bí mật dài ít nhất 32 ký tự."})
    return Subscription.objects.create(
        client=client,
        url=url,
        secret=secret or secrets.token_hex(32),
        created_at=timezone.now(),
    )


def event_body(dossier: Dossier, event: DossierEvent) -> dict:
    return {
        "id": f"{dossier.code}#{event.sequence}",
        "type": "dossier.event",
        "dossier": {
            "code": dossier.code,
            "status": dossier.status,
            "procedure": dossier.procedure.code,
            "agency": dossier.receiving_agency.code,
            "handling_agency": dossier.handling_agency.code,
        },
        "event": {
            "sequence": event.sequence,
            "at": event.at.isoformat(),
            "kind": event.kind,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "note": event.note,
            "public": event.public,
        },
    }


def enqueue_event(dossier: Dossier, event: DossierEvent) -> list[Message]:
    """One pending webhook message per active subscription covering the dossier."""
    subscriptions = covering(dossier.receiving_agency.path, dossier.handling_agency.path)
    if not subscriptions:
        return []
    body = json.dumps(event_body(dossier, event), ensure_ascii=False)
    now = timezone.now()
    return [
        Message.objects.create(
            channel=MachineChannel.WEBHOOK,
            to=f"{RECIPIENT}{subscription}",
            subject=f"{dossier.code}#{event.sequence}",
            body=body,
            template="webhook",
            dossier=dossier,
            next_attempt_at=now,
            created_at=now,
        )
        for subscription in subscriptions
    ]


def covering(*paths: str) -> tuple[int, ...]:
    """The active subscriptions of clients whose agency is one of `paths` or above one;
    kept in the process until a subscription, a client or an agency changes."""

    def read() -> tuple[int, ...]:
        condition = Q()
        for path in paths:
            condition |= Q(client__agency__path__in=_ancestor_paths(path))
        rows = Subscription.objects.filter(condition, active=True, client__revoked_at__isnull=True)
        return tuple(rows.order_by("pk").values_list("pk", flat=True))

    return kept(SUBSCRIPTIONS, ("covering", paths), read)


def _ancestor_paths(path: str) -> list[str]:
    """The paths of the agency and of every agency above it ("000001/000007/" →
    ["000001/", "000001/000007/"]): each level of `Agency.path` is 6 digits and a slash."""
    return [path[:end] for end in range(7, len(path) + 1, 7)]


def signed_headers(secret: str, body: bytes, *, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return {
        "Content-Type": "application/json; charset=utf-8",
        "X-Motcua-Timestamp": str(timestamp),
        "X-Motcua-Signature": f"v1={mac.hexdigest()}",
    }


def verify(secret: str, body: bytes, timestamp: str, signature: str, *, now: float) -> bool:
    """True when `signature` is the body's and `timestamp` is within TOLERANCE of `now`."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - stamp) > TOLERANCE:
        return False
    expected = signed_headers(secret, body, timestamp=stamp)["X-Motcua-Signature"]
    return hmac.compare_digest(expected, signature or "")


def post(message: Message) -> None:
    """Send one webhook message; raises on a refused or failed delivery (retried later).
    A subscription since removed gets nothing."""
    subscription = Subscription.objects.filter(
        pk=int(message.to.removeprefix(RECIPIENT)), active=True
    ).first()
    if subscription is None:
        return
    body = message.body.encode()
    headers = signed_headers(subscription.secret, body)
    headers["X-Motcua-Event-Id"] = message.subject
    response = requests.post(subscription.url, data=body, headers=headers, timeout=TIMEOUT)
    response.raise_for_status()
