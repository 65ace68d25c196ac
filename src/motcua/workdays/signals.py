"""`calendar_changed`: sent once after a transaction that changed the calendar commits.

Receivers get `revision` (the new revision token). The dossier lifecycle connects one that
recomputes the deadlines of open dossiers:

    @receiver(calendar_changed)
    def recompute_open_deadlines(sender, revision, **kwargs): ...

Any save or delete of a `WorkingSession` or `CalendarDay` (admin, year page, shell) records
a change; bulk writes (seeding) call `record_change()` themselves.
"""

from uuid import uuid4

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from motcua.request_memo import forget, remembered

calendar_changed = Signal()


def record_change() -> str:
    """Give the calendar a new revision token now, and send `calendar_changed` on commit.

    Several changes in one transaction send the signal once: every change schedules a send,
    and a send whose revision was already announced by this process is skipped."""
    from .models import CalendarRevision

    token = uuid4().hex
    if not CalendarRevision.objects.filter(pk=1).update(token=token):
        CalendarRevision.objects.update_or_create(pk=1, defaults={"token": token})
    forget(REVISION_KEY)
    transaction.on_commit(_send)
    return token


REVISION_KEY = "calendar-revision"


def revision_now() -> str:
    """`current_revision()`, read once per request."""
    return remembered(REVISION_KEY, current_revision)


def current_revision() -> str:
    """The revision token the database holds now ("" before any change)."""
    from .models import CalendarRevision

    return CalendarRevision.objects.filter(pk=1).values_list("token", flat=True).first() or ""


_last_sent = {"revision": None}


def _send() -> None:
    from .models import CalendarRevision

    revision = current_revision()
    # Tokens are random, so an equal token means this very state was already announced.
    if revision == _last_sent["revision"]:
        return
    _last_sent["revision"] = revision
    calendar_changed.send(sender=CalendarRevision, revision=revision)


def _model_changed(sender, **kwargs) -> None:
    record_change()


def connect_model_receivers() -> None:
    from .models import CalendarDay, WorkingSession

    for model in (CalendarDay, WorkingSession):
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"workdays-save-{model}")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"workdays-del-{model}")
