"""Online fee payment: the gateways configured for this installation.

The national payment platform (motcua.interop.payment_platform) and VNPAY when configured; the local test gateway when
MOTCUA_TEST_GATEWAY is on (the default with MOTCUA_DEBUG). With neither, fees are paid at
the desk.
"""

from django.conf import settings

from motcua.interop import payment_platform

from .base import PaymentProvider
from .testgateway import LocalGateway
from .vnpay import Vnpay


def providers() -> dict[str, PaymentProvider]:
    """The available gateways by name, the real one first."""
    found: dict[str, PaymentProvider] = {}
    if payment_platform.enabled():
        found[payment_platform.NAME] = payment_platform.PayGov.from_settings()
    if settings.MOTCUA_VNPAY_TMN_CODE and settings.MOTCUA_VNPAY_SECRET:
        found["vnpay"] = Vnpay.from_settings()
    if settings.MOTCUA_TEST_GATEWAY:
        found["test"] = LocalGateway.from_settings()
    return found


def get_provider(name: str) -> PaymentProvider | None:
    return providers().get(name)
