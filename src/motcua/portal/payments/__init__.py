"""Online fee payment: the gateways configured for this installation.

VNPAY when its merchant code and secret are set; the local test gateway when
MOTCUA_TEST_GATEWAY is on (the default with MOTCUA_DEBUG). With neither, fees are paid at
the desk.
"""

from django.conf import settings

from .base import PaymentProvider
from .testgateway import LocalGateway
from .vnpay import Vnpay


def providers() -> dict[str, PaymentProvider]:
    """The available gateways by name, the real one first."""
    found: dict[str, PaymentProvider] = {}
    if settings.MOTCUA_VNPAY_TMN_CODE and settings.MOTCUA_VNPAY_SECRET:
        found["vnpay"] = Vnpay.from_settings()
    if settings.MOTCUA_TEST_GATEWAY:
        found["test"] = LocalGateway.from_settings()
    return found


def get_provider(name: str) -> PaymentProvider | None:
    return providers().get(name)
