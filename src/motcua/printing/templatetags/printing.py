"""Dates and times as the forms write them: `09 giờ 00 phút, ngày 06 tháng 3 năm 2025`.

The numeric formats (`vndate`, `vndatetime`, `vnd`) are the `vn` builtins; the forms load
this library: `vntime_words` (the `vn` one), `vnmoment_words` (the time in a form's body,
the date in words) and `vndate_words` (the date line of an official document). Aware datetimes print in local time (Asia/Ho_Chi_Minh).
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

from motcua.ui.templatetags.vn import vndate, vntime_words

register = template.Library()


# The pages, messages and forms share the `vn` wording of a moment (`ngày 06/03/2025`)...
register.filter("vntime_words", vntime_words)


@register.filter
def vnmoment_words(value) -> str:
    """...but the body of a printed form writes the date in words (Circular 01/2018 and
    03/2025 forms): `09 giờ 00 phút, ngày 06 tháng 3 năm 2025`; a bare date prints as
    `ngày 06 tháng 3 năm 2025`, anything else as nothing."""
    if not isinstance(value, date):
        return vndate(value)
    if not isinstance(value, datetime):
        return vndate_words(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value:%H} giờ {value:%M} phút, {vndate_words(value)}"


@register.filter
def vndate_words(value) -> str:
    """`ngày 03 tháng 3 năm 2025`, the date line of an official document.

    Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero
    (`ngày 05 tháng 02 năm 2025`), other months do not.
    """
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
