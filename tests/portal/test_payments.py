from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone

from motcua.dossiers import payments
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Payment
from motcua.org.models import Role
from motcua.portal.payments.base import SignatureError
from motcua.portal.payments.testgateway import LocalGateway
from motcua.portal.payments.vnpay import Vnpay, sign, signed_text
from motcua.portal.payments.words import in_words


@pytest.fixture
def dossier(submit):
    return submit()


@pytest.fixture
def paying(client, citizen, dossier):
    """The citizen pressed "pay": the signed request to the test gateway's page."""
    client.force_login(citizen)
    response = client.post(f"/pay/{dossier.code}/", {"provider": "test"})
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == "/pay/test-gateway/"
    return dict(parse_qsl(url.query))


def gateway_answer(request_params: dict, pay: bool = True) -> dict:
    return LocalGateway.from_settings().answer(request_params, pay=pay)


def test_vnpay_signs_the_sorted_url_encoded_parameters_with_hmac_sha512():
    gateway = Vnpay(tmn_code="DEMOV210", secret="SECRET", url="https://pay.example/")
    params = {"vnp_TxnRef": "5", "vnp_Amount": "1806000", "vnp_OrderInfo": "Thanh toan :5"}
    text = signed_text(params)
    assert text == "vnp_Amount=1806000&vnp_OrderInfo=Thanh+toan+%3A5&vnp_TxnRef=5"
    assert len(sign("SECRET", text)) == 128
    signed = dict(parse_qsl(gateway.signed_query(params | {"vnp_TmnCode": "DEMOV210"})))
    assert gateway.verify(signed)["vnp_TxnRef"] == "5"
    for key, value in [("vnp_Amount", "1"), ("vnp_TxnRef", "6"), ("vnp_SecureHash", "0" * 128)]:
        with pytest.raises(SignatureError):
            gateway.verify(signed | {key: value})
    other_merchant = Vnpay(tmn_code="OTHER", secret="SECRET", url="https://pay.example/")
    with pytest.raises(SignatureError):
        other_merchant.verify(signed)


def test_the_payment_request_carries_the_amount_times_100_and_is_signed(paying):
    payment = Payment.objects.get()
    assert payment.status == "pending" and payment.amount == 75000 and payment.provider == "test"
    assert paying["vnp_Amount"] == "7500000"
    assert paying["vnp_TxnRef"] == payment.reference
    assert paying["vnp_Version"] == "2.1.0" and paying["vnp_Command"] == "pay"
    assert paying["vnp_OrderInfo"].startswith("thanh toan phi, le phi ho so")
    LocalGateway.from_settings().verify(paying)


def test_paying_through_the_test_gateway(client, paying, dossier):
    page = client.get("/pay/test-gateway/", paying).content.decode()
    assert "75.000 đ" in page and "không trừ tiền thật" in page
    response = client.post("/pay/test-gateway/", paying | {"choice": "pay"})
    back = urlsplit(response["Location"])
    assert back.path == "/pay/return/test/"
    payment = Payment.objects.get()
    assert payment.status == "paid"  # the IPN came first
    assert payment.provider_reference
    page = client.get(back.path + "?" + back.query).content.decode()
    assert "Đã thanh toán 75.000 đ" in page
    event = dossier.events.get(kind="payment")
    assert event.payload["status"] == "paid" and event.payload["amount"] == 75000
    dossier.refresh_from_db()
    assert dossier.status == "submitted"  # paying does not move the dossier
    assert payments.amount_due(dossier) == 0


def test_cancelling_at_the_gateway_fails_the_payment(client, paying):
    response = client.post("/pay/test-gateway/", paying | {"choice": "cancel"})
    page = client.get(response["Location"]).content.decode()
    assert Payment.objects.get().status == "failed"
    assert "Thanh toán không thành công" in page


def test_a_tampered_request_to_the_gateway_is_refused(client, paying):
    response = client.get("/pay/test-gateway/", paying | {"vnp_Amount": "100"})
    assert response.status_code == 400
    assert "Yêu cầu thanh toán không hợp lệ" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"vnp_ResponseCode": "00", "vnp_TransactionStatus": "00"},  # a cancelled one made paid
        {"vnp_Amount": "100"},
        {"vnp_TransactionNo": "99999999"},
        {"vnp_SecureHash": "ab" * 64},
    ],
)
def test_a_tampered_return_is_refused_and_changes_nothing(client, paying, change):
    answer = gateway_answer(paying, pay=False)
    response = client.get("/pay/return/test/", answer | change)
    assert response.status_code == 400
    assert "Kết quả thanh toán không hợp lệ" in response.content.decode()
    assert Payment.objects.get().status == "pending"


def test_a_tampered_ipn_is_refused_and_changes_nothing(client, paying):
    answer = gateway_answer(paying) | {"vnp_Amount": "100"}
    assert client.get("/pay/ipn/test/", answer).json() == {
        "RspCode": "97",
        "Message": "Invalid Checksum",
    }
    assert Payment.objects.get().status == "pending"


def test_the_ipn_is_idempotent(client, paying, dossier):
    answer = gateway_answer(paying)
    assert client.get("/pay/ipn/test/", answer).json()["RspCode"] == "00"
    assert client.get("/pay/ipn/test/", answer).json()["RspCode"] == "02"
    assert dossier.events.filter(kind="payment").count() == 1
    assert Payment.objects.get().status == "paid"


def test_a_correctly_signed_answer_with_another_amount_is_refused(client, paying):
    gateway = LocalGateway.from_settings()
    answer = gateway.answer(paying | {"vnp_Amount": "100"}, pay=True)
    assert client.get("/pay/ipn/test/", answer).json()["RspCode"] == "04"
    assert Payment.objects.get().status == "pending"


def test_an_unknown_payment_is_not_found(client, paying):
    answer = gateway_answer(paying | {"vnp_TxnRef": "MC000000NOPE"})
    assert client.get("/pay/ipn/test/", answer).json()["RspCode"] == "01"


def test_only_the_applicant_starts_a_payment(client, other_citizen, dossier):
    client.force_login(other_citizen)
    assert client.post(f"/pay/{dossier.code}/", {"provider": "test"}).status_code == 404
    assert not Payment.objects.exists()


def test_without_any_gateway_the_fee_is_paid_at_the_desk(client, citizen, dossier, settings):
    settings.MOTCUA_TEST_GATEWAY = False
    client.force_login(citizen)
    assert (
        "Hiện chưa có cổng thanh toán trực tuyến"
        in client.get(f"/pay/{dossier.code}/").content.decode()
    )
    assert client.get("/pay/test-gateway/").status_code == 404


def test_the_receipt_of_a_paid_fee(client, paying, staff, other_citizen, dossier):
    client.get("/pay/ipn/test/", gateway_answer(paying))
    payment = Payment.objects.get()
    page = client.get(f"/pay/receipts/{payment.reference}/").content.decode()
    for text in ["BIÊN LAI THU PHÍ, LỆ PHÍ", "75.000 đ", "Bảy mươi lăm nghìn đồng", dossier.code]:
        assert text in page, text
    client.force_login(staff[Role.RECEIVER])
    assert client.get(f"/pay/receipts/{payment.reference}/").status_code == 200
    client.force_login(other_citizen)
    assert client.get(f"/pay/receipts/{payment.reference}/").status_code == 404


def test_the_desk_refunds_a_paid_fee(client, paying, staff, citizen, dossier):
    client.get("/pay/ipn/test/", gateway_answer(paying))
    payment = Payment.objects.get()
    with pytest.raises(NotAllowed):
        payments.mark_refunded(payment, actor=citizen)
    with pytest.raises(NotAllowed):
        payments.mark_refunded(payment, actor=staff["other_receiver"])
    payments.mark_refunded(payment, actor=staff[Role.RECEIVER])
    payment.refresh_from_db()
    assert payment.status == "refunded" and payment.refunded_at
    assert [e.payload["status"] for e in dossier.events.filter(kind="payment")] == [
        "paid",
        "refunded",
    ]
    dossier.refresh_from_db()
    assert payments.amount_due(dossier) == 75000


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (2000, "Hai nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (75000, "Bảy mươi lăm nghìn đồng"),
        (215000, "Hai trăm mười lăm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
    ],
)
def test_amounts_in_words(amount, words):
    assert in_words(amount) == words


def _time_passes_beyond(payment: Payment) -> None:
    """The gateway's timeout of `payment` is over (moves its deadline into the past)."""
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() - timedelta(seconds=1))


def test_the_request_expires_when_the_payment_does(paying):
    payment = Payment.objects.get()
    assert payment.expires_at - payment.created_at == timedelta(minutes=15)
    local = timezone.localtime(payment.expires_at)
    assert paying["vnp_ExpireDate"] == f"{local:%Y%m%d%H%M%S}"


def test_an_abandoned_payment_expires_and_never_shows_as_a_second_fee(client, paying, dossier):
    abandoned = Payment.objects.get()
    # The citizen left the gateway's page, started again and paid.
    response = client.post(f"/pay/{dossier.code}/", {"provider": "test"})
    second = dict(parse_qsl(urlsplit(response["Location"]).query))
    client.post("/pay/test-gateway/", second | {"choice": "pay"})
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert page.count("Chờ thanh toán") == 1  # the first is still open at the gateway

    _time_passes_beyond(abandoned)
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "Chờ thanh toán" not in page
    assert "Cần thanh toán" not in page
    assert page.count("75.000 đ ·") == 1 and "Đã thanh toán" in page
    abandoned.refresh_from_db()
    assert abandoned.status == "expired"
    history = client.get(f"/pay/{dossier.code}/").content.decode()
    assert "Hết hạn, chưa thanh toán" in history and "Chờ thanh toán" not in history
    assert payments.amount_due(dossier) == 0


def test_the_gateway_refuses_an_expired_request_and_nothing_is_paid(client, paying):
    _time_passes_beyond(Payment.objects.get())
    expired = paying | {"vnp_ExpireDate": f"{timezone.localtime():%Y%m%d%H%M%S}"}
    expired = LocalGateway.from_settings().signed_query(expired)
    response = client.post("/pay/test-gateway/", dict(parse_qsl(expired)) | {"choice": "pay"})
    assert response.status_code == 400
    assert "quá thời gian chờ thanh toán" in response.content.decode()
    assert Payment.objects.get().status == "pending"  # expires when next looked at


def test_a_late_success_for_an_expired_attempt_still_pays_it(client, paying, dossier):
    payment = Payment.objects.get()
    _time_passes_beyond(payment)
    assert payments.expire_abandoned(dossier) == 1
    cancelled = client.get("/pay/ipn/test/", gateway_answer(paying, pay=False)).json()
    assert cancelled["RspCode"] == "02"  # nothing to change: it had expired
    assert client.get("/pay/ipn/test/", gateway_answer(paying)).json()["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert dossier.events.filter(kind="payment").count() == 1
