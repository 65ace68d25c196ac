"""A fee paid through the simulated national payment platform: the payer's round trip,
the electronic receipt with its number and PDF, the day's reconciliation."""

import http.client
import subprocess
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import PaymentStatus
from motcua.interop import payment_platform
from motcua.interop.models import Receipt, ReceiptSeries


@pytest.fixture
def platform(simulator, settings):
    running = simulator("paygov", "--merchant", "TAYNINH", "--secret", "khoa-bi-mat")
    settings.MOTCUA_PAYGOV_URL = running.url
    settings.MOTCUA_PAYGOV_MERCHANT = "TAYNINH"
    settings.MOTCUA_PAYGOV_SECRET = "khoa-bi-mat"
    settings.MOTCUA_TEST_GATEWAY = False
    return running


@pytest.fixture
def applied(client, tree, make_procedure):
    """A citizen's online dossier with a 75.000 đ fee, and the citizen logged in."""
    procedure = make_procedure(
        "1.001612", "Đăng ký hộ kinh doanh", online_level="full", fee_amount=75000
    )
    citizen = get_user_model().objects.create_user("binh@example.vn")
    client.force_login(citizen)
    ReceiptSeries.objects.create(
        agency=tree["district"], template_code="01BLP0-001", symbol="TB-25E", last_number=41
    )
    applicant = Applicant(
        kind="individual",
        name="Trần Văn Bình",
        id_number="072095001234",
        address="Ấp Thạnh Hiệp, xã Tân Lập",
    )
    return [
        lifecycle.submit(
            applicant_user=citizen,
            procedure=procedure,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1],
        )
        for _ in range(2)
    ]


def pay_at_platform(client, code, *, come_back=True):
    started = client.post(f"/pay/{code}/", {"provider": "paygov"})
    assert started.status_code == 302
    page = urlsplit(started["Location"])
    connection = http.client.HTTPConnection(page.hostname, page.port, timeout=10)
    connection.request("GET", f"{page.path}?chon=pay{'' if come_back else '&tra_ve=0'}")
    answer = connection.getresponse()
    location = answer.getheader("Location")
    connection.close()
    if not come_back:
        return None
    back = urlsplit(location)
    return client.get(f"{back.path}?{back.query}")


def test_a_payment_through_the_platform_gets_its_numbered_receipt(
    client, platform, applied, tmp_path
):
    dossier = applied[0]
    assert (
        "Nền tảng thanh toán Cổng Dịch vụ công quốc gia"
        in client.get(f"/pay/{dossier.code}/").content.decode()
    )
    result = pay_at_platform(client, dossier.code)
    assert result.status_code == 200
    payment = dossier.payments.get()
    assert (payment.status, payment.provider, payment.amount) == (
        PaymentStatus.PAID,
        "paygov",
        75000,
    )
    receipt = Receipt.objects.get()
    assert (receipt.series.symbol, receipt.number) == ("TB-25E", 42)
    page = client.get(f"/pay/receipts/{payment.reference}/").content.decode()
    assert "Biên lai điện tử số 0000042, ký hiệu TB-25E" in page
    pdf = client.get(f"/interop/receipts/{payment.reference}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "bien-lai.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    for expected in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        "01BLP0-001",
        "TB-25E",
        "0000042",
        "Trần Văn Bình",
        "75.000 đ",
        "Bảy mươi lăm nghìn đồng",
    ):
        assert expected in text
    # The platform's notice repeats the result: nothing changes, no second receipt.
    notice = platform.get("/_sim/state")["notices"][0]["params"]
    assert client.get("/pay/ipn/paygov/", notice).json()["RspCode"] == "02"
    assert Receipt.objects.count() == 1


def test_a_forged_return_is_refused(client, platform, applied):
    dossier = applied[0]
    client.post(f"/pay/{dossier.code}/", {"provider": "paygov"})
    payment = dossier.payments.get()
    forged = {
        "MaDoiTac": "TAYNINH",
        "MaGiaoDich": payment.reference,
        "SoTien": "75000",
        "MaKetQua": "00",
        "ChuKy": "0" * 64,
    }
    assert client.get("/pay/return/paygov/", forged).status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_the_day_is_reconciled_paid_against_received(client, platform, applied):
    pay_at_platform(client, applied[0].code)
    pay_at_platform(client, applied[1].code, come_back=False)  # the payer closed the window
    result = payment_platform.reconcile(timezone.localdate())
    assert (result.paid_count, result.paid_amount) == (1, 75000)
    assert (result.received_count, result.received_amount) == (2, 150000)
    lost = applied[1].payments.get().reference
    assert result.differences == [
        {
            "reference": lost,
            "recorded": None,
            "received": 75000,
            "note": "nền tảng đã thu, hệ thống chưa ghi nhận (pending)",
        }
    ]
