"""`{{ rate|percent }}`: 0.9873 → `98,7%`; None → `—`."""

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.1f}".replace(".", ",") + "%"


@register.filter
def points(value) -> str:
    """`12.5` → `12,50` (two decimals, decimal comma), whatever the interface language."""
    if value is None or value == "":
        return ""
    return f"{float(value):.2f}".replace(".", ",")
