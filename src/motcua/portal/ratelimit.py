"""Counting failed tries per key within a window, in the database (shared by all processes).

>>> if too_many(["track-ip:1.2.3.4"], limit=5, window=WINDOW): ...
>>> note(["track-ip:1.2.3.4", "track-ip-code:1.2.3.4:000.21.21.H56-250303-0001"])
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import FailedAttempt

WINDOW = timedelta(minutes=15)
# Rows older than this are of no use to any limit and are swept away as new ones come.
_KEEP = timedelta(days=1)


def too_many(
    keys: list[str], *, limit: int, window: timedelta = WINDOW, now: datetime | None = None
) -> bool:
    """True when any key already has `limit` tries within `window` before `now`."""
    now = now or timezone.now()
    return any(
        FailedAttempt.objects.filter(key=key, at__gt=now - window).count() >= limit for key in keys
    )


def note(keys: list[str], *, now: datetime | None = None) -> None:
    """Count one try against every key."""
    now = now or timezone.now()
    FailedAttempt.objects.bulk_create(FailedAttempt(key=key, at=now) for key in keys)
    FailedAttempt.objects.filter(at__lt=now - _KEEP).delete()


def client_ip(request) -> str:
    """The client's address; behind `MOTCUA_TRUSTED_PROXIES` proxies, the one they saw.

    Each trusted proxy appends the address it received from to X-Forwarded-For, so the
    client is the entry that many places from the end.
    """
    proxies = settings.MOTCUA_TRUSTED_PROXIES
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
