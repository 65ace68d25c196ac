"""VNPAY, version 2.1.0: query strings signed with HMAC-SHA512.

The signed text is the request's `vnp_*` parameters sorted by name and URL-encoded
(`quote_plus`), without `vnp_SecureHash`/`vnp_SecureHashType`; the signature is the hex
HMAC-SHA512 of it under the merchant's hash secret. Amounts travel as đồng × 100.
Response code "00" means paid. The IPN is answered with JSON `{"RspCode", "Message"}`.
"""

import hashlib
import hmac
import json
import secrets
import urllib.request
from datetime import timedelta
from urllib.parse import quote_plus

from django.conf import settings
from django.utils import timezone

from motcua.dossiers.models import Payment
from motcua.text import fold

from .base import GatewayResult, PaymentProvider, RefundError, SignatureError

VERSION = "2.1.0"
PAID = "00"
# How long the gateway's page accepts the payment (vnp_ExpireDate): VNPAY's own is 15 min.
EXPIRES = timedelta(minutes=15)
_UNSIGNED = {"vnp_SecureHash", "vnp_SecureHashType"}


def _moment(value) -> str:
    """VNPAY's dates: yyyyMMddHHmmss in Vietnam's time (GMT+7)."""
    return timezone.localtime(value).strftime("%Y%m%d%H%M%S")


def signed_text(params: dict[str, str]) -> str:
    """The text the signature covers: sorted vnp_* parameters, URL-encoded."""
    return "&".join(
        f"{key}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_") and key not in _UNSIGNED
    )


def sign(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha512).hexdigest()


class Vnpay(PaymentProvider):
    name = "vnpay"
    label = "VNPAY (thẻ ATM, thẻ quốc tế, QR ngân hàng)"
    timeout = EXPIRES

    def __init__(self, *, tmn_code: str, secret: str, url: str, api_url: str = ""):
        self.tmn_code = tmn_code
        self.secret = secret
        self.url = url
        self.api_url = api_url

    @classmethod
    def from_settings(cls) -> "Vnpay":
        return cls(
            tmn_code=settings.MOTCUA_VNPAY_TMN_CODE,
            secret=settings.MOTCUA_VNPAY_SECRET,
            url=settings.MOTCUA_VNPAY_URL,
            api_url=settings.MOTCUA_VNPAY_API_URL,
        )

    def signed_query(self, params: dict[str, str]) -> str:
        """`params` as a query string with its vnp_SecureHash appended."""
        text = signed_text(params)
        return f"{text}&vnp_SecureHash={sign(self.secret, text)}"

    def verify(self, params: dict[str, str]) -> dict[str, str]:
        """The parameters, if their signature is ours; SignatureError otherwise."""
        received = str(params.get("vnp_SecureHash", "")).lower()
        expected = sign(self.secret, signed_text(params))
        if not received or not hmac.compare_digest(received, expected):
            raise SignatureError("chữ ký không hợp lệ")
        if params.get("vnp_TmnCode") != self.tmn_code:
            raise SignatureError("mã đơn vị không khớp")
        return params

    def create_payment_url(
        self, payment: Payment, *, return_url: str, client_ip: str, description: str
    ) -> str:
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(payment.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.reference,
            # VNPAY asks for the order information without diacritics.
            "vnp_OrderInfo": fold(description)[:255],
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": _moment(payment.created_at),
            "vnp_ExpireDate": _moment(payment.expires_at),
        }
        return f"{self.url}?{self.signed_query(params)}"

    def _result(self, params: dict[str, str]) -> GatewayResult:
        params = self.verify(params)
        try:
            amount = int(params["vnp_Amount"]) // 100
        except (KeyError, ValueError):
            raise SignatureError("thiếu số tiền") from None
        code = params.get("vnp_ResponseCode", "")
        status = params.get("vnp_TransactionStatus", code)
        return GatewayResult(
            reference=params.get("vnp_TxnRef", ""),
            amount=amount,
            success=code == PAID and status == PAID,
            provider_reference=params.get("vnp_TransactionNo", ""),
            response_code=code,
        )

    def verify_return(self, params: dict[str, str]) -> GatewayResult:
        return self._result(params)

    def verify_ipn(self, params: dict[str, str]) -> GatewayResult:
        return self._result(params)

    def refund(self, payment: Payment, *, actor_name: str, client_ip: str) -> None:
        """A full refund through VNPAY's merchant API (JSON; pipe-joined checksum)."""
        now = timezone.now()
        body = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "refund",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionType": "02",  # full refund
            "vnp_TxnRef": payment.reference,
            "vnp_Amount": str(payment.amount * 100),
            "vnp_TransactionNo": payment.provider_reference,
            "vnp_TransactionDate": _moment(payment.created_at),
            "vnp_CreateBy": fold(actor_name)[:250] or "motcua",
            "vnp_CreateDate": _moment(now),
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_OrderInfo": f"Hoan tien {payment.reference}",
        }
        body["vnp_SecureHash"] = sign(self.secret, "|".join(body.values()))
        request = urllib.request.Request(
            self.api_url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answer = json.load(response)
        except (OSError, ValueError) as error:
            raise RefundError(f"Không kết nối được VNPAY: {error}") from None
        if answer.get("vnp_ResponseCode") != PAID:
            raise RefundError(
                f"VNPAY từ chối hoàn tiền (mã {answer.get('vnp_ResponseCode')}): "
                f"{answer.get('vnp_Message', '')}"
            )
