"""Where the steps of a transition put their rows.

The lifecycle writes them to the database at once (`Database`); the demo's bulk writer
(`motcua.demo.history_writer`) keeps them in memory and inserts them in batches. The steps
(`steps.py`) are the same for both: a rule is written once.
"""

from datetime import datetime
from typing import Protocol

from motcua.org.models import Agency
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from ..codes import next_dossier_code
from ..events import GENESIS, seal
from ..models import Dossier, DossierDocument, DossierEvent, Pause
from ..signals import event_recorded


class Store(Protocol):
    def calendar(self, dossier: Dossier) -> engine.Calendar: ...

    def next_code(self, agency: Agency, at: datetime) -> str: ...

    def add_dossier(self, dossier: Dossier, documents: list[DossierDocument]) -> None: ...

    def add_pause(self, dossier: Dossier, pause: Pause) -> None: ...

    def open_pause(self, dossier: Dossier) -> Pause | None: ...

    def end_pauses(self, dossier: Dossier, at: datetime) -> None: ...

    def closed_pauses(self, dossier: Dossier) -> list[tuple[datetime, datetime]]: ...

    def last_event(self, dossier: Dossier, kind: str) -> DossierEvent | None: ...

    def append(self, dossier: Dossier, event: DossierEvent) -> None: ...


class Database:
    """Every row written now, inside the caller's transaction."""

    def calendar(self, dossier):
        return calendar_for(dossier.receiving_agency)

    def next_code(self, agency, at):
        return next_dossier_code(agency, at)

    def add_dossier(self, dossier, documents):
        """Keep the new dossier until its first event: it is inserted then, once, with its
        deadlines and version already set (no UPDATE of the row just inserted)."""
        dossier._new_documents = documents

    def add_pause(self, dossier, pause):
        pause.dossier = dossier
        pause.save()

    def open_pause(self, dossier):
        return dossier.pauses.filter(ended_at__isnull=True).first()

    def end_pauses(self, dossier, at):
        if dossier._state.adding:
            return  # a new dossier has no pause
        dossier.pauses.filter(ended_at__isnull=True).update(ended_at=at)

    def closed_pauses(self, dossier):
        if dossier._state.adding:
            return []
        return list(
            dossier.pauses.filter(ended_at__isnull=False).values_list("started_at", "ended_at")
        )

    def last_event(self, dossier, kind):
        return dossier.events.filter(kind=kind).order_by("-sequence").first()

    def append(self, dossier, event):
        """Save the dossier (its version already raised) and chain the event to the last."""
        new = dossier._state.adding
        dossier.save()
        if new:  # its first event: the documents follow the row, no event precedes
            documents = dossier.__dict__.pop("_new_documents", [])
            for document in documents:
                document.dossier = dossier
            DossierDocument.objects.bulk_create(documents)
            last = None
        else:
            last = dossier.events.order_by("-sequence").values_list("sequence", "hash").first()
        event.dossier = dossier
        event.sequence = (last[0] + 1) if last else 1
        event.prev_hash = last[1] if last else GENESIS
        seal(event)
        event.save()
        event_recorded.send(sender=DossierEvent, dossier=dossier, event=event)


DATABASE = Database()
