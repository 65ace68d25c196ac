"""The staff menu offers only what the account may open (one query per part)."""

from django import template

from motcua.org.access import visible_agencies
from motcua.org.models import Role
from motcua.reports.access import report_agencies

register = template.Library()


@register.simple_tag
def staff_menu(user) -> dict:
    """`{"office", "reception", "reports"}`: whether `user` may open the work queues, the
    counter reception and the reports."""
    return {
        "office": visible_agencies(user).exists(),
        "reception": visible_agencies(user, Role.RECEIVER).filter(active=True).exists(),
        "reports": report_agencies(user).exists(),
    }
