"""Vietnamese formats, one set for every page and document: 03/02/2025, 09:00, 3.061, 75.000 đ,
99,3%."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def vndate(value) -> str:
    """`03/02/2025` for a date or datetime (local time)."""
    if not isinstance(value, date):
        return ""
    return _local(value).strftime("%d/%m/%Y")


@register.filter
def vndatetime(value) -> str:
    """`09:00 03/02/2025` for a datetime (local time)."""
    if not isinstance(value, datetime):
        return ""
    return _local(value).strftime("%H:%M %d/%m/%Y")


@register.filter
def vntime_words(value) -> str:
    """`09 giờ 00 phút, ngày 06/03/2025`, the wording of receipts and official documents
    (local time); a bare date prints as `06/03/2025`, None as nothing."""
    if not isinstance(value, datetime):
        return vndate(value)
    value = _local(value)
    return f"{value:%H} giờ {value:%M} phút, ngày {vndate(value)}"


@register.filter
def vnnumber(value) -> str:
    """`3.061`; decimals after a comma: `1,5`."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    whole, _, fraction = f"{number.normalize():f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


@register.filter
def percent(ratio, digits: int = 1) -> str:
    """`0.9934` → `99,3%`: one decimal (or `digits`) after a comma and no space before the sign, as
    Vietnamese offices write it (so a line never breaks between number and sign); `—` when
    there is nothing to divide.
    """
    if ratio is None or ratio == "":
        return "—"
    return f"{float(ratio) * 100:.{int(digits)}f}".replace(".", ",") + "%"


@register.filter
def vnd(value) -> str:
    """`75.000 đ`."""
    if value is None or value == "":
        return ""
    return f"{vnnumber(value)} đ"
