"""When the calendar changes, the deadlines of open dossiers follow."""

from django.dispatch import receiver

from motcua.workdays.signals import calendar_changed

from .models import RECEIVED_OPEN_STATUSES, Dossier


@receiver(calendar_changed, dispatch_uid="dossiers-recompute-deadlines")
def recompute_open_deadlines(sender, **kwargs) -> None:
    from .lifecycle import recompute_deadlines

    open_dossiers = Dossier.objects.filter(
        status__in=RECEIVED_OPEN_STATUSES, received_at__isnull=False
    ).select_related("procedure_version", "receiving_agency")
    for dossier in open_dossiers.iterator(chunk_size=500):
        recompute_deadlines(dossier)
