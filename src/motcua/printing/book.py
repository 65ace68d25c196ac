"""Line numbers of the tracking book: one book per receiving agency and year, its lines
numbered from 1 in order of reception (Circular 01/2018/TT-VPCP, form 06; form 01 prints
the same "Quyển số / Số thứ tự").

Nothing is stored: a dossier's line is its rank among the dossiers its desk received in
the same local year, ordered by reception time and code, so the receipt and the book
always agree.

>>> book_entry(dossier)
BookEntry(volume=2025, line=12)
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from motcua.dossiers.models import Dossier


@dataclass(frozen=True)
class BookEntry:
    volume: int  # the book's number: the year of reception
    line: int


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_default_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def book_entries(dossiers) -> dict[int, BookEntry]:
    """`{dossier pk: BookEntry}` for received dossiers, one query per (agency, year)."""
    wanted: dict[tuple[int, int], set[int]] = defaultdict(set)
    for dossier in dossiers:
        if dossier.received_at is not None:
            year = timezone.localtime(dossier.received_at).year
            wanted[(dossier.receiving_agency_id, year)].add(dossier.pk)
    entries = {}
    for (agency_id, year), pks in wanted.items():
        first, after = _year_bounds(year)
        ordered = (
            Dossier.objects.filter(
                receiving_agency_id=agency_id, received_at__gte=first, received_at__lt=after
            )
            .order_by("received_at", "code")
            .values_list("pk", flat=True)
        )
        for line, pk in enumerate(ordered.iterator(), start=1):
            if pk in pks:
                entries[pk] = BookEntry(year, line)
    return entries


def book_entry(dossier: Dossier) -> BookEntry:
    """The book and line of one received dossier."""
    return book_entries([dossier])[dossier.pk]
