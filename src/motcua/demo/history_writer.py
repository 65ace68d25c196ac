"""A fast path for writing the demo year: the lifecycle's steps run on rows kept in memory,
then written in a few bulk inserts.

`BulkLifecycle` offers the lifecycle functions the demo year uses, with the same arguments.
Each runs the lifecycle's own steps (`motcua.dossiers.lifecycle.steps`), so the rules are
the lifecycle's; this module only keeps the rows (it is the steps' `Store`) and `flush()`
writes them: dossiers and their documents, pauses, hash-chained events, daily code
sequences, then the report rollups (`motcua reports rebuild`, proven equal to the rollups
kept event by event). The test `tests/reports/test_demo_year.py` runs a sample of the year
through both and compares every row. What the lifecycle checks against the database is left
out: permissions (the plan uses the staff who hold each role), row locks, the procedure
offered at the agency. No result is signed and no message is queued (the year's applicants
give no contact).

>>> writer = BulkLifecycle()
>>> dossier = writer.receive(actor=receiver, procedure=birth, agency=commune, ...)
>>> writer.flush()
"""

from collections import defaultdict
from datetime import datetime

from django.utils import timezone

from motcua.catalog.services import current_version
from motcua.dossiers.codes import format_code
from motcua.dossiers.events import GENESIS, seal
from motcua.dossiers.lifecycle import steps
from motcua.dossiers.models import (
    Channel,
    DailySequence,
    Delivery,
    Dossier,
    DossierDocument,
    DossierEvent,
    Pause,
)
from motcua.reports.rebuild import rebuild
from motcua.rules.lookup import rule_set_on
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for


class BulkLifecycle:
    """The subset of `motcua.dossiers.lifecycle` the demo year uses, kept in memory."""

    def __init__(self):
        self._dossiers: list[Dossier] = []
        self._events: dict[int, list[DossierEvent]] = defaultdict(list)
        self._pauses: dict[int, list[Pause]] = defaultdict(list)
        self._documents: dict[int, list[DossierDocument]] = {}
        self._sequences: dict[tuple[int, object], int] = {}
        self._years: set[int] = set()
        self._calendars: dict[int, engine.Calendar] = {}
        self._versions: dict[int, object] = {}
        self._code_formats: dict = {}

    # ------------------------------------------------------------ the transitions

    def receive(
        self,
        *,
        actor,
        procedure,
        agency,
        applicant,
        documents_received,
        handling_agency=None,
        channel=Channel.COUNTER,
        delivery=Delivery.DESK,
        note="",
        at,
    ) -> Dossier:
        arrival = self._arrival(procedure, agency, handling_agency, applicant, documents_received)
        return steps.receive(
            self, actor=actor, note=note, at=at, channel=channel, delivery=delivery, **arrival
        )

    def submit(
        self,
        *,
        applicant_user,
        procedure,
        agency,
        applicant,
        documents_received,
        delivery=Delivery.ONLINE,
        at,
    ) -> Dossier:
        arrival = self._arrival(procedure, agency, None, applicant, documents_received)
        return steps.submit(
            self, applicant_user=applicant_user, at=at, delivery=delivery, **arrival
        )

    def refuse_at_reception(self, *, actor, procedure, agency, applicant, reason, at) -> Dossier:
        arrival = self._arrival(procedure, agency, None, applicant, [])
        return steps.refuse_at_reception(
            self,
            actor=actor,
            reason=reason,
            at=at,
            channel=Channel.COUNTER,
            delivery=Delivery.DESK,
            **arrival,
        )

    def _arrival(self, procedure, agency, handling_agency, applicant, documents_received) -> dict:
        """What every way in (reception, online submission, refusal) tells the steps."""
        return {
            "procedure": procedure,
            "version": self._version(procedure),
            "agency": agency,
            "handling_agency": handling_agency,
            "applicant": applicant,
            "documents_received": documents_received,
        }

    def accept(self, dossier, *, actor, handling_agency=None, at) -> Dossier:
        return steps.accept(self, dossier, actor=actor, handling_agency=handling_agency, at=at)

    def forward(self, dossier, *, actor, note="", at) -> Dossier:
        return steps.forward(self, dossier, actor=actor, note=note, at=at)

    def request_supplement(self, dossier, *, actor, items, note="", at) -> Dossier:
        return steps.request_supplement(self, dossier, actor=actor, items=items, note=note, at=at)

    def receive_supplement(self, dossier, *, actor, note="", at) -> Dossier:
        return steps.receive_supplement(self, dossier, actor=actor, note=note, at=at)

    def approve(self, dossier, *, actor, note="", at) -> Dossier:
        unsigned = {"result_signed": False}
        return steps.approve(self, dossier, actor=actor, note=note, payload=unsigned, at=at)

    def mark_result_ready(self, dossier, *, actor, note="", at) -> Dossier:
        return steps.mark_result_ready(self, dossier, actor=actor, note=note, at=at)

    def return_result(self, dossier, *, actor, note="", at) -> Dossier:
        return steps.return_result(self, dossier, actor=actor, note=note, at=at)

    def apologise_and_reschedule(self, dossier, *, actor, reason, new_appointment, at) -> Dossier:
        return steps.apologise_and_reschedule(
            self, dossier, actor=actor, reason=reason, new_appointment=new_appointment, at=at
        )

    # ------------------------------------------------------------ the store

    def _version(self, procedure):
        if procedure.pk not in self._versions:
            self._versions[procedure.pk] = current_version(procedure)
        return self._versions[procedure.pk]

    def calendar(self, dossier) -> engine.Calendar:
        agency = dossier.receiving_agency
        if agency.pk not in self._calendars:
            self._calendars[agency.pk] = calendar_for(agency)
        return self._calendars[agency.pk]

    def next_code(self, agency, at: datetime) -> str:
        day = timezone.localtime(at).date()
        if day.year not in self._years:
            self._years.add(day.year)
            self._sequences.update(
                ((agency_id, d), last)
                for agency_id, d, last in DailySequence.objects.filter(
                    day__year=day.year
                ).values_list("agency_id", "day", "last")
            )
        key = (agency.pk, day)
        self._sequences[key] = self._sequences.get(key, 0) + 1
        if day not in self._code_formats:
            self._code_formats[day] = rule_set_on(day).dossier_code_format
        return format_code(agency, day, self._sequences[key], self._code_formats[day])

    def add_dossier(self, dossier, documents) -> None:
        dossier.bulk_key = len(self._dossiers)
        self._dossiers.append(dossier)
        self._documents[dossier.bulk_key] = documents

    def add_pause(self, dossier, pause) -> None:
        self._pauses[dossier.bulk_key].append(pause)

    def open_pause(self, dossier) -> Pause | None:
        return next((p for p in self._pauses[dossier.bulk_key] if p.ended_at is None), None)

    def end_pauses(self, dossier, at: datetime) -> None:
        for pause in self._pauses[dossier.bulk_key]:
            if pause.ended_at is None:
                pause.ended_at = at

    def closed_pauses(self, dossier) -> list[tuple[datetime, datetime]]:
        return [(p.started_at, p.ended_at) for p in self._pauses[dossier.bulk_key] if p.ended_at]

    def last_event(self, dossier, kind: str) -> DossierEvent | None:
        return next((e for e in reversed(self._events[dossier.bulk_key]) if e.kind == kind), None)

    def append(self, dossier, event) -> None:
        self._events[dossier.bulk_key].append(event)

    # ------------------------------------------------------------ writing

    def flush(self) -> None:
        """Write everything kept so far, then rebuild the report rollups."""
        Dossier.objects.bulk_create(self._dossiers, batch_size=500)
        documents, pauses, events = [], [], []
        for dossier in self._dossiers:
            for document in self._documents[dossier.bulk_key]:
                document.dossier = dossier
                documents.append(document)
            for pause in self._pauses[dossier.bulk_key]:
                pause.dossier = dossier
                pauses.append(pause)
            previous = GENESIS
            for sequence, event in enumerate(self._events[dossier.bulk_key], start=1):
                event.dossier = dossier
                event.sequence = sequence
                event.prev_hash = previous
                seal(event)
                previous = event.hash
                events.append(event)
        DossierDocument.objects.bulk_create(documents, batch_size=1000)
        Pause.objects.bulk_create(pauses, batch_size=1000)
        DossierEvent.objects.bulk_create(events, batch_size=2000)
        DailySequence.objects.bulk_create(
            [
                DailySequence(agency_id=a, day=d, last=last)
                for (a, d), last in self._sequences.items()
            ],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last"],
            batch_size=1000,
        )
        rebuild()
        self.__init__()
