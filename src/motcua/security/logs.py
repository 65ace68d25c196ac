"""Personal data out of the logs: phone and ID numbers are masked in every log line.

>>> mask_phone("0912345678")
'091****678'
>>> mask("CCCD 072095001234, điện thoại 0912 345 678")
'CCCD 072******234, điện thoại 091****678'
"""

import logging
import re

# A Vietnamese phone number in its common spellings, and a 9- or 12-digit ID number.
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.]?\d){9}(?!\d)")
_ID_NUMBER = re.compile(r"(?<!\d)(\d{3})\d{3}(?:\d{3})?(\d{3})(?!\d)")


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return "***"
    return f"{digits[:3]}****{digits[-3:]}"


def mask(text: str) -> str:
    """`text` with every phone and ID number masked."""
    text = _PHONE.sub(lambda match: mask_phone(match.group()), text)
    return _ID_NUMBER.sub(lambda match: f"{match[1]}{'*' * (len(match[0]) - 6)}{match[2]}", text)


class MaskPersonalData(logging.Filter):
    """A handler filter: formats the record, then masks what it says."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
