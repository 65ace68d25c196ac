"""A citizen starts paying, leaves the gateway's page, starts again and pays: once the first
attempt's time at the gateway is over, the dossier shows one fee, paid, and nothing owed;
on a phone and on a desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Payment
from motcua.portal.models import CitizenProfile


@pytest.fixture
def dossier(settings, tree, make_user, make_procedure, applicant):
    settings.MOTCUA_TEST_GATEWAY = True
    citizen = make_user("binh@example.vn", first_name="Trần Văn Bình")
    CitizenProfile.objects.create(user=citizen, phone="0912345678", verified_at=MONDAY)
    procedure = make_procedure(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        field=("HKD", "Hộ kinh doanh"),
        online_level="full",
        fee_amount=75000,
    )
    return lifecycle.submit(
        applicant_user=citizen,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
    )


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_an_abandoned_payment_is_not_shown_as_a_second_fee(page, dossier, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/login/")
    page.get_by_label("Tên đăng nhập").fill("binh@example.vn")
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.get_by_role("button", name="Đăng nhập").click()
    track = f"/track/{dossier.code}/"

    # First attempt: the gateway's page opens, and the citizen goes away.
    page.goto(track)
    page.get_by_role("link", name="Thanh toán trực tuyến").click()
    page.get_by_role("button", name="Thanh toán 75.000 đ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thanh toán thử nghiệm")
    page.goto(track)
    # Second attempt, paid.
    page.get_by_role("link", name="Thanh toán trực tuyến").click()
    page.get_by_role("button", name="Thanh toán 75.000 đ").click()
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã thanh toán 75.000 đ")

    # The gateway's 15 minutes for the first attempt pass.
    abandoned = Payment.objects.get(status="pending")
    Payment.objects.filter(pk=abandoned.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    page.goto(track)
    fees = page.locator("section", has=page.locator("#fee-title"))
    expect(fees.locator("li")).to_have_count(1)
    expect(fees.locator("li")).to_contain_text("75.000 đ · Đã thanh toán")
    expect(fees).not_to_contain_text("Chờ thanh toán")
    expect(fees).not_to_contain_text("Cần thanh toán")
    page.screenshot(path=f"/tmp/citizen-track-paid-{width}.png", full_page=True)
    assert Payment.objects.get(pk=abandoned.pk).status == "expired"
