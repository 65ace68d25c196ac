"""When the calendar changes, the deadlines of open dossiers follow.

The legal deadline of every open dossier without a pause or a same-day cut-off is first
computed in one batch per calendar and counting (`engine.due_many`); only the dossiers whose
deadline the change moves, and those the batch does not judge, then go through the
lifecycle one at a time (a row lock and a `recompute_deadlines` event each). A change of one
holiday usually moves a few of many thousand open dossiers.
"""

from collections import defaultdict
from decimal import Decimal

from django.dispatch import receiver
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion
from motcua.org.models import Agency
from motcua.rules.lookup import rule_set_at
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for
from motcua.workdays.signals import calendar_changed

from .models import RECEIVED_OPEN_STATUSES, Dossier, Pause


@receiver(calendar_changed, dispatch_uid="dossiers-recompute-deadlines")
def recompute_open_deadlines(sender, **kwargs) -> None:
    from .lifecycle import recompute_deadlines

    for pk in moved_deadlines():
        recompute_deadlines(Dossier(pk=pk))


def moved_deadlines() -> list[int]:
    """Ids of the open dossiers whose legal deadline the calendar as it is now may move."""
    open_dossiers = Dossier.objects.filter(
        status__in=RECEIVED_OPEN_STATUSES, received_at__isnull=False
    )
    paused = set(
        Pause.objects.filter(dossier__in=open_dossiers).values_list("dossier_id", flat=True)
    )
    rows = open_dossiers.values_list(
        "pk", "received_at", "due_at", "receiving_agency_id", "procedure_version_id"
    )
    agencies = Agency.objects.filter(pk__in=open_dossiers.values("receiving_agency_id")).in_bulk()
    terms_of = dict(
        ProcedureVersion.objects.filter(
            pk__in=open_dossiers.values("procedure_version_id")
        ).values_list("pk", "data")
    )
    countings: dict = {}
    batches = defaultdict(list)  # (agency, counting) -> [(pk, old due, period)]
    judged_one_by_one = []
    for pk, received_at, due_at, agency_id, version_id in rows.iterator(chunk_size=2000):
        terms = terms_of[version_id]
        if pk in paused or terms.get("same_day_cutoff") or due_at is None:
            judged_one_by_one.append(pk)
            continue
        day = timezone.localdate(received_at)
        if day not in countings:
            countings[day] = rule_set_at(received_at).counting
        quantity = Decimal(str(terms["time_quantity"]))
        if quantity == quantity.to_integral_value():
            quantity = int(quantity)
        period = (received_at, quantity, terms["time_unit"])
        batches[agency_id, countings[day]].append((pk, due_at, period))
    moved = judged_one_by_one
    for (agency_id, counting), items in batches.items():
        calendar = calendar_for(agencies[agency_id])
        dues = engine.due_many([period for _, _, period in items], calendar, counting=counting)
        moved += [pk for (pk, old, _), new in zip(items, dues, strict=True) if new != old]
    return moved
