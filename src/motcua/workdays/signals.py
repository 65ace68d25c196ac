"""`calendar_changed`: sent once after a transaction that changed the calendar commits.

Receivers get `revision` (the new revision token). The dossier lifecycle connects one that
recomputes the deadlines of open dossiers:

    @receiver(calendar_changed)
    def recompute_open_deadlines(sender, revision, **kwargs): ...

Any save or delete of a `WorkingSession` or `CalendarDay` (admin, year page, shell) records
a change; bulk writes (seeding) call `record_change()` themselves.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from motcua.revisions import tokens

calendar_changed = Signal()


def record_change() -> str:
    """Give the calendar a new revision token now, and send `calendar_changed` on commit.

    Several changes in one transaction send the signal once: every change schedules a send,
    and a send whose revision was already announced by this process is skipped."""
    token = tokens.bump(CALENDAR)
    transaction.on_commit(_send)
    return token


CALENDAR = "calendar"


def revision_now() -> str:
    """The calendar's revision token, read once per request (with the other kinds')."""
    return tokens.token(CALENDAR)


def current_revision() -> str:
    """The revision token the database holds now ("" before any change)."""
    return tokens.read(CALENDAR)


_last_sent = {"revision": None}


def _send() -> None:
    revision = current_revision()
    # Tokens are random, so an equal token means this very state was already announced.
    if revision == _last_sent["revision"]:
        return
    _last_sent["revision"] = revision
    calendar_changed.send(sender=CALENDAR, revision=revision)


def _model_changed(sender, **kwargs) -> None:
    record_change()


def connect_model_receivers() -> None:
    from .models import CalendarDay, WorkingSession

    for model in (CalendarDay, WorkingSession):
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"workdays-save-{model}")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"workdays-del-{model}")
