"""Sending SMS through a provider: a small interface and the backends shipped with motcua.

`MOTCUA_SMS_BACKEND` names the backend class (default: `LogBackend`, which only writes to
the log); a provider's gateway is one subclass with a `send_text`. `MOTCUA_SMS_ASCII=1`
strips diacritics before sending, as Vietnamese SMS often do: 160 characters per message
instead of 70.
"""

import logging
import unicodedata

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.sms")


class SmsError(Exception):
    """The provider did not take the message; the worker will try again later."""


def strip_diacritics(text: str) -> str:
    """Vietnamese without diacritics, case kept: "Hồ sơ Đăng ký" → "Ho so Dang ky"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class SmsBackend:
    """Base class: `send` prepares the text, `send_text` talks to the provider."""

    def __init__(self, *, ascii_only: bool = False):
        self.ascii_only = ascii_only

    def send(self, to: str, body: str) -> None:
        """Send `body` to the phone number `to`; raise `SmsError` when it fails."""
        self.send_text(to, strip_diacritics(body) if self.ascii_only else body)

    def send_text(self, to: str, text: str) -> None:
        raise NotImplementedError


class LogBackend(SmsBackend):
    """Writes each SMS to the log (the default: development and demo)."""

    def send_text(self, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


class MemoryBackend(SmsBackend):
    """Keeps the sent SMS in `MemoryBackend.sent` (tests)."""

    sent: list[tuple[str, str]] = []

    def send_text(self, to: str, text: str) -> None:
        MemoryBackend.sent.append((to, text))


def get_backend() -> SmsBackend:
    """The configured backend."""
    return import_string(settings.MOTCUA_SMS_BACKEND)(ascii_only=settings.MOTCUA_SMS_ASCII)
