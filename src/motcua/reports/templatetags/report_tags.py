"""Report formats beyond the interface's own (`vn`: numbers, `percent`): index points."""

from django import template

register = template.Library()


@register.filter
def points(value) -> str:
    """`12.5` → `12,50` (two decimals, decimal comma), whatever the interface language."""
    if value is None or value == "":
        return ""
    return f"{float(value):.2f}".replace(".", ",")
