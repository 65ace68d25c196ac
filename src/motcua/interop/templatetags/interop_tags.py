"""`{% national_sync agency period %}`: the national portal panel of the reports dashboard."""

from django import template

from motcua.interop.models import Reconciliation
from motcua.interop.national_portal import enabled, synchronised_share

register = template.Library()

RECENT = 7


@register.inclusion_tag("interop/_national_sync.html")
def national_sync(agency, period) -> dict:
    """The last reconciliations and the share of the period's dossiers the national portal
    confirmed (indicator 1.4 of Decision 766)."""
    confirmed, submitted = synchronised_share(agency, period.first, period.last)
    return {
        "enabled": enabled(),
        "runs": Reconciliation.objects.all()[:RECENT],
        "confirmed": confirmed,
        "submitted": submitted,
        "share": confirmed / submitted if submitted else None,
    }
