"""What the worker does besides sending messages, hourly: delete abandoned drafts, anchor
the audit trail (once a day), erase personal data past its retention, prune the access
log, carry out the agencies' re-organisations whose day has come."""

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from motcua.org import reorganise
from motcua.portal.drafts import purge

from . import anchors, privacy
from .models import AuditAnchor

logger = logging.getLogger("motcua.housekeeping")
EVERY = timedelta(hours=1)
_last_run: dict[str, datetime] = {}


def run_due(now: datetime | None = None) -> None:
    """Run each chore whose time has come; a failing chore is logged and tried next time."""
    now = now or timezone.now()
    if now - _last_run.get("hourly", datetime.min.replace(tzinfo=now.tzinfo)) < EVERY:
        return
    _last_run["hourly"] = now
    try:
        purge(now)
        privacy.erase_due(now)
        privacy.prune_access_log(now)
        reorganise.apply_due(now)
        if not AuditAnchor.objects.filter(day=timezone.localdate(now)).exists():
            anchors.anchor(timezone.localdate(now))
    except Exception:  # the worker goes on sending; the next hour tries again
        logger.exception("housekeeping failed")
