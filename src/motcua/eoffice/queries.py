"""Reads: what a user sees, searches over the registers, overdue documents, the month."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from motcua.org.access import visible_agencies
from motcua.org.models import Agency, Role
from motcua.text import fold

from .models import (
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)

READERS = (Role.CLERK, Role.OFFICE_HEAD, Role.DOC_SIGNER)


def visible_incoming(user) -> QuerySet[IncomingDocument]:
    """Incoming documents of the agencies where `user` keeps or directs the registers, and
    those assigned to a unit where `user` handles documents."""
    documents = IncomingDocument.objects.select_related("agency", "lead_unit", "document_type")
    if user.is_superuser:
        return documents
    readers = visible_agencies(user, *READERS)
    units = visible_agencies(user, Role.DOC_HANDLER)
    return documents.filter(
        Q(agency__in=readers) | Q(lead_unit__in=units) | Q(cooperating_units__in=units)
    ).distinct()


def visible_outgoing(user) -> QuerySet[OutgoingDocument]:
    """Outgoing documents of the agencies where `user` keeps, checks or signs them, and the
    drafts `user` wrote."""
    documents = OutgoingDocument.objects.select_related("agency", "document_type", "signer")
    if user.is_superuser:
        return documents
    readers = visible_agencies(user, *READERS)
    return documents.filter(Q(agency__in=readers) | Q(drafted_by=user)).distinct()


def _local_day(day: date, end: bool = False) -> datetime:
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min)
    return timezone.make_aware(moment)


def search(
    documents: QuerySet,
    *,
    text: str = "",
    start: date | None = None,
    end: date | None = None,
    field: str = "received_at",
) -> QuerySet:
    """Filter by number, symbol, title, sender (accents and case ignored) and a date range
    of `field` (both ends included)."""
    for word in fold(text).split():
        documents = documents.filter(search_folded__contains=word)
    if start:
        documents = documents.filter(**{f"{field}__gte": _local_day(start)})
    if end:
        documents = documents.filter(**{f"{field}__lt": _local_day(end, end=True)})
    return documents


def overdue_incoming(user, now: datetime | None = None) -> QuerySet[IncomingDocument]:
    """Assigned documents still open after their deadline, the most late first."""
    now = now or timezone.now()
    return (
        visible_incoming(user)
        .filter(status=IncomingStatus.ASSIGNED, due_at__lt=now)
        .order_by("due_at")
    )


@dataclass(frozen=True)
class MonthFigures:
    """Báo cáo tình hình giải quyết văn bản (Decree 30/2020 Appendix VI, part I.V)."""

    agency: Agency
    year: int
    month: int
    received: int
    released: int
    closed: int
    closed_on_time: int
    closed_late: int
    open_within: int
    open_overdue: int

    @property
    def adds_up(self) -> bool:
        return self.closed == self.closed_on_time + self.closed_late


def month_figures(agency: Agency, year: int, month: int) -> MonthFigures:
    """Documents registered in, released out, and incoming closed (on time or late) in the
    month, and those still open at its end (within their deadline or overdue)."""
    start = _local_day(date(year, month, 1))
    end = _local_day(date(year + month // 12, month % 12 + 1, 1))
    incoming = IncomingDocument.objects.filter(agency__path__startswith=agency.path)
    closed = incoming.filter(closed_at__gte=start, closed_at__lt=end)
    on_time = closed.filter(Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))
    still_open = (
        incoming.filter(registered_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .exclude(status=IncomingStatus.RECEIVED)
    )
    now = min(end, timezone.now())
    return MonthFigures(
        agency=agency,
        year=year,
        month=month,
        received=incoming.filter(registered_at__gte=start, registered_at__lt=end).count(),
        released=OutgoingDocument.objects.filter(
            agency__path__startswith=agency.path,
            status=OutgoingStatus.RELEASED,
            released_at__gte=start,
            released_at__lt=end,
        ).count(),
        closed=closed.count(),
        closed_on_time=on_time.count(),
        closed_late=closed.count() - on_time.count(),
        open_within=still_open.filter(Q(due_at__isnull=True) | Q(due_at__gte=now)).count(),
        open_overdue=still_open.filter(due_at__lt=now).count(),
    )


def handled_on_time(agency: Agency, first: date, last: date) -> tuple[int, int]:
    """(closed on time, closed) for incoming documents of `agency`'s subtree closed from
    `first` to `last` (both included): the PAR index's "documents handled on time"."""
    closed = IncomingDocument.objects.filter(
        agency__path__startswith=agency.path,
        closed_at__gte=_local_day(first),
        closed_at__lt=_local_day(last + timedelta(days=1)),
    )
    on_time = closed.filter(Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))
    return on_time.count(), closed.count()
