"""The demo's second factor: every demo account that must use one (approvers, signers,
administrators) gets an authenticator device with one known key, so that a reviewer can
log in with any TOTP app, or read the current code from `motcua demo --code`.

DEMO ONLY: a shared, published key protects nothing. Never load the demo into production.
"""

import base64

from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.security.second_factor import APP_DEVICE
from motcua.security.staff import needs_second_factor

# RFC 6238's test key, "12345678901234567890".
KEY = b"12345678901234567890"
SECRET = base64.b32encode(KEY).decode()


def give_devices() -> list[str]:
    """A confirmed demo device for each demo account that needs one; their usernames."""
    names = []
    for user in get_user_model().objects.filter(is_active=True).order_by("username"):
        if needs_second_factor(user):
            TOTPDevice.objects.update_or_create(
                user=user, name=APP_DEVICE, defaults={"key": KEY.hex(), "confirmed": True}
            )
            names.append(user.username)
    return names


def current_code() -> str:
    """The code an app holding the demo key shows now."""
    return f"{totp(KEY):06d}"
