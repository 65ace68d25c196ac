"""What the store adds to the Decision 766/QĐ-TTg service index (group 6, digitisation).

Metric 6.4, "tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa": dossiers resolved in
the period in which at least one required document came from the applicant's store, over
the dossiers resolved. The denominator comes from the report rollups, like 6.1 and 6.2; the
numerator joins the (small) reuse table to the dossiers it names.

>>> reused_dossiers([commune.pk], date(2026, 3, 1), date(2026, 3, 31))
12
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from motcua.dossiers.models import Outcome

from .models import Reuse

RESOLVED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)


def _local(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def reused_dossiers(agency_ids: list[int], first: date, last: date) -> int:
    """Dossiers of `agency_ids` resolved from `first` to `last` (both included) that reused
    at least one document from the applicant's store."""
    return (
        Reuse.objects.filter(
            dossier__handling_agency_id__in=agency_ids,
            dossier__outcome__in=RESOLVED,
            dossier__finished_at__gte=_local(first),
            dossier__finished_at__lt=_local(last + timedelta(days=1)),
        )
        .values("dossier")
        .distinct()
        .count()
    )
