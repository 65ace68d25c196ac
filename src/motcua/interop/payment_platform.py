"""The national payment platform (Nền tảng thanh toán trên Cổng DVCQG, PayGov) as a
payment provider of the portal, beside the VNPAY-style gateway, and the daily
reconciliation of what we recorded paid against what the platform reports received.

Every message is signed with HMAC-SHA256 over its fields sorted by name, `k=v` joined by
`&`, without `ChuKy`. A transaction is created server to server; the platform answers the
address of its payment page; it reports the result by the browser's return and a
server-to-server notice (IPN), both signed. docs/integration.md lists what is assumed.

>>> PayGov.from_settings().create_payment_url(payment, return_url=..., client_ip=...,
...                                           description="Phí hồ sơ ...")
'http://127.0.0.1:8203/thanhtoan/4f0c...'
"""

import hashlib
import hmac
from datetime import date, datetime, timedelta

import requests
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Payment, PaymentStatus
from motcua.portal.payments.base import (
    GatewayResult,
    PaymentProvider,
    RefundError,
    SignatureError,
)

from .models import PaymentReconciliation

NAME = "paygov"
PAID = "00"
TIMEOUT = 15  # seconds


def enabled() -> bool:
    return bool(settings.MOTCUA_PAYGOV_URL and settings.MOTCUA_PAYGOV_SECRET)


def signature(secret: str, fields: dict) -> str:
    text = "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "ChuKy")
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def _stamp(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y%m%d%H%M%S")


class PayGov(PaymentProvider):
    name = NAME
    label = "Nền tảng thanh toán Cổng Dịch vụ công quốc gia"
    # How long the platform's page takes a started payment (assumed like VNPAY's: the
    # platform's own limit is not published; docs/integration.md).
    timeout = timedelta(minutes=15)

    def __init__(self, *, url: str, merchant: str, secret: str):
        self.url, self.merchant, self.secret = url, merchant, secret

    @classmethod
    def from_settings(cls) -> "PayGov":
        return cls(
            url=settings.MOTCUA_PAYGOV_URL,
            merchant=settings.MOTCUA_PAYGOV_MERCHANT,
            secret=settings.MOTCUA_PAYGOV_SECRET,
        )

    def signed(self, fields: dict) -> dict:
        fields = {k: str(v) for k, v in fields.items()}
        return {**fields, "ChuKy": signature(self.secret, fields)}

    def _post(self, path: str, fields: dict) -> dict:
        response = requests.post(self.url + path, json=self.signed(fields), timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()

    def create_payment_url(
        self, payment: Payment, *, return_url: str, client_ip: str, description: str
    ) -> str:
        notify_url = settings.SITE_URL + reverse("portal:pay_ipn", args=[self.name])
        answer = self._post(
            "/api/giaodich/tao",
            {
                "MaDoiTac": self.merchant,
                "MaGiaoDich": payment.reference,
                "MaHoSo": payment.dossier.code,
                "SoTien": payment.amount,
                "NoiDung": description,
                "UrlTraVe": return_url,
                "UrlThongBao": notify_url,
                "DiaChiIP": client_ip or "127.0.0.1",
                "ThoiGian": _stamp(timezone.now()),
                "HetHan": _stamp(payment.expires_at),
            },
        )
        if str(answer.get("error_code")) != "0":
            raise RefundError(answer.get("message") or "Nền tảng thanh toán từ chối giao dịch.")
        return answer["UrlThanhToan"]

    def _result(self, params: dict[str, str]) -> GatewayResult:
        given = str(params.get("ChuKy", ""))
        if not given or not hmac.compare_digest(given, signature(self.secret, params)):
            raise SignatureError("chữ ký không hợp lệ")
        if params.get("MaDoiTac") != self.merchant:
            raise SignatureError("mã đối tác không khớp")
        try:
            amount = int(params["SoTien"])
        except (KeyError, ValueError):
            raise SignatureError("thiếu số tiền") from None
        return GatewayResult(
            reference=params.get("MaGiaoDich", ""),
            amount=amount,
            success=params.get("MaKetQua") == PAID,
            provider_reference=params.get("MaGiaoDichNenTang", ""),
            response_code=params.get("MaKetQua", ""),
        )

    def verify_return(self, params: dict[str, str]) -> GatewayResult:
        return self._result(params)

    def verify_ipn(self, params: dict[str, str]) -> GatewayResult:
        return self._result(params)

    def refund(self, payment: Payment, *, actor_name: str, client_ip: str) -> None:
        try:
            answer = self._post(
                "/api/giaodich/hoantien",
                {
                    "MaDoiTac": self.merchant,
                    "MaGiaoDich": payment.reference,
                    "SoTien": payment.amount,
                    "NguoiYeuCau": actor_name or "motcua",
                    "ThoiGian": _stamp(timezone.now()),
                },
            )
        except requests.RequestException as error:
            raise RefundError(f"Không kết nối được nền tảng thanh toán: {error}") from error
        if str(answer.get("error_code")) != "0":
            raise RefundError(answer.get("message") or "Nền tảng thanh toán không hoàn tiền.")

    def statement(self, day: date) -> list[dict]:
        """The transactions the platform reports paid on `day`."""
        answer = self._post("/api/doisoat", {"MaDoiTac": self.merchant, "Ngay": day.isoformat()})
        if str(answer.get("error_code")) != "0":
            raise RefundError(answer.get("message") or "Nền tảng thanh toán từ chối đối soát.")
        return answer.get("GiaoDich", [])


def reconcile(day: date) -> PaymentReconciliation:
    """Compare the payments recorded paid on `day` (local date) through the platform with
    the platform's statement; each difference is listed for the accountant."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    ours = {
        p.reference: p
        for p in Payment.objects.filter(
            Q(status=PaymentStatus.PAID) | Q(status=PaymentStatus.REFUNDED),
            provider=NAME,
            paid_at__gte=start,
            paid_at__lt=start + timedelta(days=1),
        )
    }
    now = timezone.now()
    try:
        theirs = {
            row["MaGiaoDich"]: int(row["SoTien"]) for row in PayGov.from_settings().statement(day)
        }
    except (requests.RequestException, RefundError, KeyError, ValueError) as error:
        return PaymentReconciliation.objects.create(
            day=day,
            provider=NAME,
            ran_at=now,
            paid_count=len(ours),
            paid_amount=sum(p.amount for p in ours.values()),
            received_count=0,
            received_amount=0,
            error=str(error)[:2000],
        )
    differences = []
    for reference in sorted(set(ours) | set(theirs)):
        recorded = ours[reference].amount if reference in ours else None
        received = theirs.get(reference)
        if recorded != received:
            if recorded is None:
                pending = (
                    Payment.objects.filter(reference=reference)
                    .values_list("status", flat=True)
                    .first()
                )
                note = "nền tảng đã thu, hệ thống chưa ghi nhận" + (
                    f" ({pending})" if pending else ""
                )
            elif received is None:
                note = "hệ thống ghi nhận, nền tảng không báo đã thu"
            else:
                note = "số tiền khác nhau"
            differences.append(
                {"reference": reference, "recorded": recorded, "received": received, "note": note}
            )
    return PaymentReconciliation.objects.create(
        day=day,
        provider=NAME,
        ran_at=now,
        paid_count=len(ours),
        paid_amount=sum(p.amount for p in ours.values()),
        received_count=len(theirs),
        received_amount=sum(theirs.values()),
        differences=differences,
    )
