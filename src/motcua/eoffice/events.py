"""The audit trail of documents: one `Event` per step, written in the step's transaction."""

from django.utils import timezone

from .models import Event


def record(kind: str, user=None, *, incoming=None, outgoing=None, unit=None, note="", at=None):
    name = ""
    if user is not None:
        name = user.get_full_name() or user.get_username()
    return Event.objects.create(
        incoming=incoming,
        outgoing=outgoing,
        kind=kind,
        at=at or timezone.now(),
        actor=user,
        actor_name=name,
        unit=unit,
        note=note,
    )
