"""Form 06, the dossier tracking book of an agency subtree over a period.

One line per dossier received in the period (local dates, both ends included) whose
receiving or handling agency lies in the subtree. The dates of hand-over and of the result
come from the events in the same query (conditional aggregates), not one query per line.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Min, Q
from django.utils import timezone

from motcua.dossiers.models import Dossier, EventKind, Status
from motcua.org.models import Agency

from .book import book_entries
from .contexts import heading, place_name


@dataclass
class BookLine:
    """A line of form 06."""

    number: int
    volume: int
    dossier: Dossier
    received_at: datetime
    appointment_at: datetime | None
    handed_over_at: datetime | None
    result_at: datetime | None
    returned_at: datetime | None
    notes: str


def tracking_book_context(agency: Agency, start_date: date, end_date: date) -> dict:
    """Form 06: `agency`, `heading`, `place`, `issued_at`, `start_date`, `end_date` and
    `lines` (BookLine: number, dossier, received_at, appointment_at, handed_over_at,
    result_at, returned_at, notes)."""
    return {
        "agency": agency,
        "heading": heading(agency),
        "place": place_name(agency),
        "issued_at": timezone.now(),
        "start_date": start_date,
        "end_date": end_date,
        "lines": book_lines(agency, start_date, end_date),
    }


def book_lines(agency: Agency, start_date: date, end_date: date) -> list[BookLine]:
    """The lines of the book, in order of reception; each numbered with its running number
    in its desk's book of the year (`motcua.printing.book`)."""
    tz = timezone.get_default_timezone()
    start = datetime.combine(start_date, time.min, tzinfo=tz)
    end = datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=tz)
    subtree = Q(receiving_agency__path__startswith=agency.path) | Q(
        handling_agency__path__startswith=agency.path
    )
    dossiers = (
        Dossier.objects.filter(subtree, received_at__gte=start, received_at__lt=end)
        .select_related("handling_agency", "procedure")
        .annotate(
            handed_over_at=Min("events__at", filter=Q(events__kind=EventKind.FORWARD)),
            result_at=Min("events__at", filter=Q(events__kind=EventKind.MARK_RESULT_READY)),
        )
        .order_by("received_at", "code")
    )
    dossiers = list(dossiers)
    entries = book_entries(dossiers)
    return [
        BookLine(
            number=entries[d.pk].line,
            volume=entries[d.pk].volume,
            dossier=d,
            received_at=d.received_at,
            appointment_at=d.appointment_at,
            handed_over_at=d.handed_over_at,
            result_at=d.result_at,
            returned_at=d.finished_at if d.status == Status.RETURNED else None,
            notes=d.get_outcome_display() if d.outcome else d.get_status_display(),
        )
        for d in dossiers
    ]
