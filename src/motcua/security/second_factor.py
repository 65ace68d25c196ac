"""Second factor for staff: TOTP from an authenticator app, and ten single-use recovery codes.

>>> device = enrol(user)                 # an unconfirmed TOTP device; show its QR code
>>> confirm(device, "123456")            # the app's code confirms it: the recovery codes
['k3j9x2ab', ...]
"""

import base64

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE = "Ứng dụng xác thực"
RECOVERY_DEVICE = "Mã khôi phục"
RECOVERY_CODES = 10


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrol(user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key in the base32 spelling authenticator apps accept when typed."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def confirm(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code from the app; returns new recovery codes, or None."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ten new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
