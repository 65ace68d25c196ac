"""The staff menu offers only what the account may open (read from the user's roles, once
per request)."""

from django import template

from motcua.org.access import holds_any
from motcua.org.models import Role
from motcua.reports.access import REPORT_ROLES

register = template.Library()


@register.simple_tag
def staff_menu(user) -> dict:
    """`{"office", "reception", "reports"}`: whether `user` may open the work queues, the
    counter reception and the reports."""
    return {
        "office": holds_any(user),
        "reception": holds_any(user, Role.RECEIVER),
        "reports": holds_any(user, *REPORT_ROLES),
    }
