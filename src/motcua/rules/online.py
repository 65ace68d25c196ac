"""The time the desk has to accept or refuse an online submission.

The rule set in force when the dossier was submitted gives the number of working hours
(`RuleSet.online_acceptance_hours`); a submission outside working hours counts from the next
working session. Submissions left unaccepted past that moment are overdue on dashboards.

>>> acceptance_due(dossier)   # submitted Saturday 20:00, 8 working hours
datetime.datetime(2025, 3, 3, 17, 0, tzinfo=...)
"""

from datetime import datetime

from django.utils import timezone

from motcua.dossiers.models import Dossier, Status
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .lookup import rule_set_at


def acceptance_due(dossier: Dossier) -> datetime:
    """When the desk must have accepted or refused the online submission `dossier`."""
    hours = rule_set_at(dossier.submitted_at).online_acceptance_hours
    calendar = calendar_for(dossier.receiving_agency)
    return engine.due(dossier.submitted_at, hours, engine.WORKING_HOURS, calendar)


def unaccepted(agency_ids: list[int], now: datetime | None = None) -> tuple[int, int]:
    """(waiting, overdue): online submissions waiting at the desks of `agency_ids`, and how
    many of them are past their acceptance time at `now`."""
    now = now or timezone.now()
    waiting = list(
        Dossier.objects.filter(
            receiving_agency_id__in=agency_ids,
            status=Status.SUBMITTED,
            submitted_at__isnull=False,
        ).select_related("receiving_agency")
    )
    overdue = sum(1 for dossier in waiting if acceptance_due(dossier) < now)
    return len(waiting), overdue
