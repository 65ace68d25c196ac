from django import template

from motcua.reform.access import is_reform_officer

register = template.Library()


@register.filter
def in_reform_office(user) -> bool:
    """True for a member of a reform office (the staff menu shows them its link)."""
    return user.is_authenticated and is_reform_officer(user)
