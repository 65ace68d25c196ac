"""`{% if user|uses_eoffice %}`: the staff menu shows the e-office link to its roles only."""

from django import template

from motcua.eoffice import access

register = template.Library()


@register.filter
def uses_eoffice(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or access.uses_eoffice(user)))
