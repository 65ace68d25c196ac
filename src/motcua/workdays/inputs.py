"""Text from the command line and the API, turned into what the engine takes.

Naive date-times are local time in Viet Nam: `2025-01-24T09:00` means 09:00 +07:00.

>>> parse_start("2025-01-24T09:00").isoformat()
'2025-01-24T09:00:00+07:00'
"""

from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from .engine import VIETNAM_TZ, CalendarError


def parse_start(text: str) -> datetime:
    """An ISO 8601 date-time; without an offset it is local time in Viet Nam."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise CalendarError(
            f"start must be an ISO 8601 date-time such as 2025-01-24T09:00, got {text!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=VIETNAM_TZ)


def parse_quantity(text: str) -> Decimal:
    """A non-negative decimal number such as `3` or `0.5`."""
    try:
        quantity = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise CalendarError(f"quantity must be a number such as 3 or 0.5, got {text!r}") from None
    if not quantity.is_finite():
        raise CalendarError(f"quantity must be a finite number, got {text!r}")
    return quantity


def parse_cutoff(text: str | None) -> time | None:
    """A time of day such as `15:00`, or None when empty."""
    if text is None or not text.strip():
        return None
    try:
        cutoff = time.fromisoformat(text.strip())
    except ValueError:
        raise CalendarError(f"cutoff must be a time such as 15:00, got {text!r}") from None
    if cutoff.tzinfo is not None:
        raise CalendarError(f"cutoff must be a local time without offset, got {text!r}")
    return cutoff
