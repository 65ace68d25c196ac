"""Dossier codes (Circular 01/2018/TT-VPCP Art. 19): `<agency code>-<yyMMdd>-<NNNN>`."""

from datetime import datetime

from django.db.models import F
from django.utils import timezone

from motcua.org.models import Agency

from .models import DailySequence


def next_dossier_code(agency: Agency, at: datetime) -> str:
    """Take the agency's next number of the day (local date of `at`) and build the code.

    Runs inside the caller's transaction: the counter row is created if missing (a conflict
    with a concurrent creator is ignored), then incremented under its row lock, so two
    concurrent receptions never get the same number.

    >>> next_dossier_code(district, datetime(2022, 2, 14, 9, tzinfo=VN))
    '000.00.21.H56-220214-0001'
    """
    day = timezone.localtime(at).date()
    DailySequence.objects.bulk_create(
        [DailySequence(agency=agency, day=day, last=0)], ignore_conflicts=True
    )
    counter = DailySequence.objects.filter(agency=agency, day=day)
    counter.update(last=F("last") + 1)
    number = counter.values_list("last", flat=True).get()
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"
