"""A local payment gateway for the demo and the tests: VNPAY's protocol, no money.

It signs with a secret of its own (derived from SECRET_KEY) under the merchant code
MOTCUA01. Its page (`/pay/test-gateway/`) checks the signed request like VNPAY does, lets
the citizen pay or cancel, delivers the signed IPN, then sends the browser back with the
signed return. The IPN is handed to the same handler as `/pay/ipn/test/` in-process: an
HTTP call from the server to itself could wait forever on a single-worker server.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Payment

from .vnpay import PAID, Vnpay, _moment, sign, signed_text

TMN_CODE = "MOTCUA01"
CANCELLED = "24"  # VNPAY: the customer cancelled the transaction


class LocalGateway(Vnpay):
    name = "test"
    label = "Cổng thanh toán thử nghiệm (không trừ tiền thật)"

    @classmethod
    def from_settings(cls) -> "LocalGateway":
        secret = hmac.new(
            settings.SECRET_KEY.encode(), b"motcua-test-gateway", hashlib.sha256
        ).hexdigest()
        return cls(tmn_code=TMN_CODE, secret=secret, url=reverse("portal:test_gateway"))

    def answer(self, request_params: dict[str, str], *, pay: bool) -> dict[str, str]:
        """The signed result VNPAY would send for a verified payment request."""
        now = timezone.now()
        params = {
            "vnp_Amount": request_params["vnp_Amount"],
            "vnp_BankCode": "MOTCUA",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": request_params.get("vnp_OrderInfo", ""),
            "vnp_PayDate": _moment(now),
            "vnp_ResponseCode": PAID if pay else CANCELLED,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionNo": str(secrets.randbelow(10**8)).zfill(8) if pay else "0",
            "vnp_TransactionStatus": PAID if pay else "02",
            "vnp_TxnRef": request_params["vnp_TxnRef"],
        }
        params["vnp_SecureHash"] = sign(self.secret, signed_text(params))
        return params

    def expired(self, request_params: dict[str, str]) -> bool:
        """Whether the request's vnp_ExpireDate has passed: VNPAY's page then refuses it."""
        return _moment(timezone.now()) >= request_params.get("vnp_ExpireDate", "")

    def refund(self, payment: Payment, *, actor_name: str, client_ip: str) -> None:
        """The test gateway always gives the money back (there was none)."""
