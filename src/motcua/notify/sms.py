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

from motcua.security.logs import mask_phone

logger = logging.getLogger("motcua.sms")


class SmsError(Exception):
    """The provider did not take the message; the worker will try again later."""


def strip_diacritics(text: str) -> str:
    """Vietnamese without diacritics, case kept: "Hồ sơ Đăng ký" → "Ho so Dang ky"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class SmsBackend:
    """Base class: `send` prepares the text, `send_text` talks to the provider.

    Delivery is at least once: a worker that dies after the provider took a message but
    before it recorded so sends it again. `key` (the same for every attempt at one message)
    is what a provider that supports idempotency keys uses to drop the second copy."""

    def __init__(self, *, ascii_only: bool = False):
        self.ascii_only = ascii_only

    def send(self, to: str, body: str, *, key: str = "") -> None:
        """Send `body` to the phone number `to` under the idempotency `key`; raise
        `SmsError` when it fails."""
        self.send_text(to, strip_diacritics(body) if self.ascii_only else body, key=key)

    def send_text(self, to: str, text: str, *, key: str = "") -> None:
        raise NotImplementedError


class LogBackend(SmsBackend):
    """Notes each SMS in the log (the default: development and demo): the masked number and
    the length, never the text, which may hold a one-time code. The text is in the outbox
    (admin: Messages)."""

    def send_text(self, to: str, text: str, *, key: str = "") -> None:
        logger.info("SMS %s to %s: %d characters", key, mask_phone(to), len(text))


class MemoryBackend(SmsBackend):
    """Keeps the sent SMS in `MemoryBackend.sent` (tests)."""

    sent: list[tuple[str, str]] = []
    keys: list[str] = []

    def send_text(self, to: str, text: str, *, key: str = "") -> None:
        MemoryBackend.sent.append((to, text))
        MemoryBackend.keys.append(key)


def get_backend() -> SmsBackend:
    """The configured backend."""
    return import_string(settings.MOTCUA_SMS_BACKEND)(ascii_only=settings.MOTCUA_SMS_ASCII)
