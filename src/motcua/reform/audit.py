"""One audit row per change, written inside the change's transaction."""

from datetime import datetime

from .models import Event


def record(kind: str, subject, *, actor=None, at: datetime, detail: str = "") -> Event:
    """Append the event `kind` about `subject` (a model instance, named "model:pk")."""
    name = f"{subject._meta.model_name}:{subject.pk}"
    return Event.objects.create(at=at, actor=actor, kind=kind, subject=name, detail=detail)
