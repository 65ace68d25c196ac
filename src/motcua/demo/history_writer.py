"""A fast path for writing the demo year: the lifecycle's transitions replayed in memory,
then written in a few bulk inserts.

`BulkLifecycle` offers the lifecycle functions the demo year uses, with the same arguments,
and computes the same rows: dossiers and their documents, pauses, hash-chained events,
daily code sequences; `flush()` writes them and rebuilds the report rollups (`motcua
reports rebuild`, proven equal to the rollups kept event by event). The test
`tests/reports/test_demo_year.py` runs a sample of the year through both and compares every
row. It covers only what the demo year does: no permissions are checked (the plan uses the
staff who hold each role), no result is signed, no message is queued (the year's applicants
give no contact).

>>> writer = BulkLifecycle()
>>> dossier = writer.receive(actor=receiver, procedure=birth, agency=commune, ...)
>>> writer.flush()
"""

from collections import defaultdict
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone

from motcua.catalog.services import current_version
from motcua.dossiers.codes import format_code
from motcua.dossiers.events import GENESIS, seal
from motcua.dossiers.models import (
    Channel,
    DailySequence,
    Delivery,
    Dossier,
    DossierDocument,
    DossierEvent,
    Outcome,
    Pause,
    Status,
)
from motcua.org.models import Role
from motcua.reports.rebuild import rebuild
from motcua.rules.lookup import rule_set_at, rule_set_on
from motcua.rules.models import ClassifyOn
from motcua.text import fold
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

_DESK_ROLES = {Role.RECEIVER, Role.RETURNER}


class BulkLifecycle:
    """The subset of `motcua.dossiers.lifecycle` the demo year uses, kept in memory."""

    def __init__(self):
        self._dossiers: list[Dossier] = []
        self._events: dict[int, list[DossierEvent]] = defaultdict(list)
        self._pauses: dict[int, list[Pause]] = defaultdict(list)
        self._documents: dict[int, list[DossierDocument]] = {}
        self._sequences: dict[tuple[int, object], int] = {}
        self._years: set[int] = set()
        self._countings: dict = {}
        self._code_formats: dict = {}
        self._calendars: dict[int, engine.Calendar] = {}
        self._versions: dict[int, object] = {}

    # ------------------------------------------------------------ creation

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
        dossier = self._new(
            procedure,
            agency,
            handling_agency,
            applicant,
            documents_received,
            channel,
            delivery,
            None,
            Status.RECEIVED,
            at,
        )
        self._start_clock(dossier, at)
        self._record(dossier, actor, "receive", "", at, note=note, agency=agency)
        return dossier

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
        dossier = self._new(
            procedure,
            agency,
            None,
            applicant,
            documents_received,
            Channel.ONLINE,
            delivery,
            None,
            Status.SUBMITTED,
            at,
        )
        dossier.applicant_user = applicant_user
        self._record(dossier, applicant_user, "submit", "", at, agency=agency)
        return dossier

    def refuse_at_reception(self, *, actor, procedure, agency, applicant, reason, at) -> Dossier:
        dossier = self._new(
            procedure,
            agency,
            None,
            applicant,
            [],
            Channel.COUNTER,
            Delivery.DESK,
            0,
            Status.REFUSED,
            at,
        )
        dossier.received_at = at
        self._finish(dossier, Status.REFUSED, Outcome.REFUSED, at)
        self._record(dossier, actor, "refuse_at_reception", "", at, note=reason, agency=agency)
        return dossier

    def _new(
        self, procedure, agency, handling, applicant, received, channel, delivery, fee, status, at
    ):
        applicant.validate()
        version = self._versions.get(procedure.pk) or current_version(procedure)
        self._versions[procedure.pk] = version
        dossier = Dossier(
            code=self._code(agency, at),
            procedure=procedure,
            procedure_version=version,
            receiving_agency=agency,
            handling_agency=handling or agency,
            channel=channel,
            delivery=delivery,
            status=status,
            sets=1,
            fee_amount=(procedure.fee_amount or 0) if fee is None else fee,
            submitted_at=at,
            **applicant.as_fields(),
            applicant_name_folded=fold(applicant.name),
        )
        dossier.form_data = {}
        dossier.bulk_key = len(self._dossiers)
        self._dossiers.append(dossier)
        self._documents[dossier.bulk_key] = [
            DossierDocument(
                order=i,
                name=d["name"],
                form=d["form"],
                copies=d["copies"],
                mandatory=d["mandatory"],
                received=i in set(received),
            )
            for i, d in enumerate(version.data["documents"], start=1)
        ]
        return dossier

    def _code(self, agency, at: datetime) -> str:
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

    # ------------------------------------------------------------ transitions

    def accept(self, dossier, *, actor, handling_agency=None, at) -> Dossier:
        if handling_agency is not None:
            dossier.handling_agency = handling_agency
        submitted_code = dossier.code
        if timezone.localtime(dossier.submitted_at).date() != timezone.localtime(at).date():
            dossier.code = self._code(dossier.receiving_agency, at)
        dossier.status = Status.RECEIVED
        self._start_clock(dossier, at)
        self._record(
            dossier,
            actor,
            "accept",
            Status.SUBMITTED,
            at,
            agency=dossier.receiving_agency,
            payload={"submitted_code": submitted_code} if submitted_code != dossier.code else {},
        )
        return dossier

    def forward(self, dossier, *, actor, note="", at) -> Dossier:
        from_status = dossier.status
        dossier.status = Status.IN_PROGRESS
        self._hand_over(dossier, actor, "forward", from_status, dossier.current_step + 1, at, note)
        return dossier

    def request_supplement(self, dossier, *, actor, items, note="", at) -> Dossier:
        items = [item.strip() for item in items if item and item.strip()]
        from_status = dossier.status
        dossier.status = Status.WAITING_SUPPLEMENT
        self._pauses[dossier.bulk_key].append(Pause(started_at=at, reason="; ".join(items)))
        dossier.request_from = from_status
        self._record(
            dossier,
            actor,
            "request_supplement",
            from_status,
            at,
            note=note,
            payload={"items": items},
        )
        return dossier

    def receive_supplement(self, dossier, *, actor, note="", at) -> Dossier:
        self._pauses[dossier.bulk_key][-1].ended_at = at
        dossier.status = dossier.request_from
        if dossier.status != Status.SUBMITTED:
            if dossier.procedure_version.data.get("restart_on_supplement"):
                dossier.received_at = at
                dossier.step_started_at = at
            dossier.due_at = self._overall_due(dossier)
            dossier.appointment_at = max(dossier.appointment_at or dossier.due_at, dossier.due_at)
            dossier.step_due_at = self._step_due(dossier)
        due = timezone.localtime(dossier.due_at).isoformat() if dossier.due_at else None
        self._record(
            dossier,
            actor,
            "receive_supplement",
            Status.WAITING_SUPPLEMENT,
            at,
            note=note,
            payload={"due_at": due},
        )
        return dossier

    def approve(self, dossier, *, actor, note="", at) -> Dossier:
        dossier.status = Status.APPROVED
        to_step = min(dossier.current_step + 1, len(dossier.steps) - 1)
        signed = {"result_signed": False}
        self._hand_over(dossier, actor, "approve", Status.IN_PROGRESS, to_step, at, note, signed)
        return dossier

    def mark_result_ready(self, dossier, *, actor, note="", at) -> Dossier:
        dossier.status = Status.RESULT_READY
        last = len(dossier.steps) - 1
        self._hand_over(dossier, actor, "mark_result_ready", Status.APPROVED, last, at, note)
        return dossier

    def return_result(self, dossier, *, actor, note="", at) -> Dossier:
        events = self._events[dossier.bulk_key]
        moment = at
        if rule_set_at(dossier.received_at).classify_on == ClassifyOn.READY:
            moment = next(e.at for e in reversed(events) if e.kind == "mark_result_ready")
        outcome = engine.classify(dossier.due_at, moment, self._calendar(dossier))
        apologised = any(e.kind == "apologise_and_reschedule" for e in events)
        late_without_apology = outcome == engine.LATE and not apologised
        self._finish(dossier, Status.RETURNED, outcome, at)
        payload = {"outcome": dossier.outcome}
        if late_without_apology:
            payload["late_without_apology"] = True
        self._record(
            dossier,
            actor,
            "return_result",
            Status.RESULT_READY,
            at,
            note=note,
            agency=dossier.receiving_agency,
            payload=payload,
        )
        return dossier

    def apologise_and_reschedule(self, dossier, *, actor, reason, new_appointment, at) -> Dossier:
        old = dossier.appointment_at
        dossier.appointment_at = new_appointment
        payload = {
            "old_appointment": timezone.localtime(old).isoformat(),
            "new_appointment": timezone.localtime(new_appointment).isoformat(),
        }
        self._record(
            dossier,
            actor,
            "apologise_and_reschedule",
            dossier.status,
            at,
            note=reason,
            payload=payload,
        )
        return dossier

    # ------------------------------------------------------------ the machinery

    def _calendar(self, dossier) -> engine.Calendar:
        agency = dossier.receiving_agency
        if agency.pk not in self._calendars:
            self._calendars[agency.pk] = calendar_for(agency)
        return self._calendars[agency.pk]

    def _closed_pauses(self, dossier, since: datetime) -> list[tuple[datetime, datetime]]:
        return [
            (max(p.started_at, since), p.ended_at)
            for p in self._pauses[dossier.bulk_key]
            if p.ended_at is not None and p.ended_at > since
        ]

    def _overall_due(self, dossier) -> datetime:
        terms = dossier.procedure_version.data
        cutoff = terms.get("same_day_cutoff")
        return engine.due(
            dossier.received_at,
            Decimal(str(terms["time_quantity"])),
            terms["time_unit"],
            self._calendar(dossier),
            cutoff=time.fromisoformat(cutoff) if cutoff else None,
            pauses=self._closed_pauses(dossier, dossier.received_at),
            counting=self._counting(dossier),
        )

    def _counting(self, dossier) -> str:
        day = timezone.localtime(dossier.received_at).date()
        if day not in self._countings:
            self._countings[day] = rule_set_on(day).counting
        return self._countings[day]

    def _step_due(self, dossier) -> datetime | None:
        if dossier.step is None or dossier.step_started_at is None:
            return None
        return engine.due(
            dossier.step_started_at,
            Decimal(str(dossier.step["hours"])),
            engine.WORKING_HOURS,
            self._calendar(dossier),
            pauses=self._closed_pauses(dossier, dossier.step_started_at),
        )

    @staticmethod
    def _agency_for(dossier, role):
        return dossier.receiving_agency if role in _DESK_ROLES else dossier.handling_agency

    def _enter_step(self, dossier, index: int, at: datetime) -> None:
        dossier.current_step = index
        dossier.current_role = dossier.steps[index]["role"]
        dossier.current_agency = self._agency_for(dossier, dossier.current_role)
        dossier.step_started_at = at
        dossier.assignee = None
        dossier.step_due_at = (
            self._step_due(dossier) if dossier.status != Status.SUBMITTED else None
        )

    def _start_clock(self, dossier, at: datetime) -> None:
        dossier.received_at = at
        self._enter_step(dossier, 0, at)
        dossier.due_at = self._overall_due(dossier)
        dossier.appointment_at = dossier.due_at
        dossier.step_due_at = self._step_due(dossier)

    def _finish(self, dossier, status, outcome, at) -> None:
        for pause in self._pauses[dossier.bulk_key]:
            if pause.ended_at is None:
                pause.ended_at = at
        dossier.status = status
        dossier.outcome = outcome
        dossier.finished_at = at
        dossier.assignee = None
        dossier.current_role = ""
        dossier.current_agency = None

    def _hand_over(self, dossier, actor, kind, from_status, to_step, at, note, extra=None):
        left_due = dossier.step_due_at
        self._enter_step(dossier, to_step, at)
        role = dossier.step["role"]
        payload = {
            "to_step": dossier.step["name"],
            "to_role": role,
            "left_step_due_at": timezone.localtime(left_due).isoformat() if left_due else None,
            "assignee_name": "",
        } | (extra or {})
        agency = self._agency_for(dossier, role)
        self._record(
            dossier, actor, kind, from_status, at, note=note, agency=agency, payload=payload
        )

    def _record(
        self, dossier, actor, kind, from_status, at, *, note="", payload=None, agency=None
    ) -> None:
        dossier.version += 1
        self._events[dossier.bulk_key].append(
            DossierEvent(
                at=at,
                actor=actor if actor and actor.is_authenticated else None,
                actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
                kind=kind,
                from_status=from_status,
                to_status=dossier.status,
                step=dossier.current_step,
                agency=agency,
                note=note,
                payload=payload or {},
                public=True,
            )
        )

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
