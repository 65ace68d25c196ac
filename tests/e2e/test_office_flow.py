"""A dossier's whole way through the back office, in the browser: the desk receives it at
the counter and prints the receipt, the handler forwards it, the leader approves it, the
desk returns the result."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from support import log_in_in_browser

from motcua.dossiers.models import Dossier
from motcua.org.models import Role

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user


@pytest.fixture
def commune_staff(tree, make_user):
    commune = tree["commune_a"]
    names = {
        Role.RECEIVER: "Nguyễn Thị Lan",
        Role.HANDLER: "Trương Thị Hồng Nhung",
        Role.APPROVER: "Võ Văn Thành",
        Role.RETURNER: "Lê Hoàng Phúc",
    }
    return {
        role: make_user(f"{role}.tanlap", (role, commune), first_name=name)
        for role, name in names.items()
    }


def log_in(page, user, then: str) -> None:
    log_in_in_browser(page, user.username, PASSWORD, then)


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def take_action(page, user, queue: str, code: str, *steps: tuple[str, str]) -> None:
    """Log in, open the dossier from its work-queue tab, press each (button, status after)."""
    log_in(page, user, "/office/")
    page.get_by_role("link", name=re.compile(f"^{queue}")).click()
    page.get_by_role("link", name=code).click()
    for button, status in steps:
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".status--big")).to_have_text(status)
    log_out(page)


def test_a_dossier_goes_from_the_counter_to_the_applicant(page, commune_staff, make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn", fee_amount=0)
    make_procedure("1.001193", "Đăng ký khai sinh", days=0)

    # The desk: find the procedure without accents, fill the form, receive.
    log_in(page, commune_staff[Role.RECEIVER], "/office/reception/")
    expect(page.get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("ket hon")
    expect(page.get_by_role("link", name=re.compile("Đăng ký khai sinh"))).to_have_count(0)
    page.get_by_role("link", name=re.compile("Đăng ký kết hôn")).click()

    page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("Trần Văn Bình")
    page.keyboard.press("Tab")
    page.keyboard.type("072095001234")  # the ID number comes next in the form
    page.get_by_label("Ngày sinh").fill("12/08/1995")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Tờ khai").check()
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(page.locator(".status--big")).to_have_text("Đã tiếp nhận")  # committed

    dossier = Dossier.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.code)
    receipt = page.get_by_role("link", name="In giấy tiếp nhận (mẫu 01)")
    expect(receipt).to_be_focused()
    href = f"/print/dossiers/{dossier.code}/01.pdf"
    expect(receipt).to_have_attribute("href", href)
    pdf = page.request.get(href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # The desk hands it over to the handler.
    page.get_by_role("button", name="Chuyển bước tiếp theo").click()
    expect(page.locator(".status--big")).to_have_text("Đang giải quyết")
    log_out(page)

    code = dossier.code
    forward = ("Chuyển bước tiếp theo", "Đang giải quyết")
    take_action(page, commune_staff[Role.HANDLER], "Cần xử lý", code, forward)
    approve = ("Phê duyệt", "Đã phê duyệt")
    take_action(page, commune_staff[Role.APPROVER], "Chờ phê duyệt", code, approve)
    ready, give = (
        ("Xác nhận đã có kết quả", "Có kết quả, chờ trả"),
        ("Trả kết quả", "Đã trả kết quả"),
    )
    take_action(page, commune_staff[Role.RETURNER], "Chờ trả kết quả", code, ready, give)

    log_in(page, commune_staff[Role.RECEIVER], f"/office/dossiers/{dossier.code}/")
    expect(page.locator(".status--big")).to_have_text("Đã trả kết quả")
    timeline = page.locator("table.timeline")
    for label in ["Tiếp nhận hồ sơ", "Chuyển xử lý", "Phê duyệt", "Chuyển kết quả", "Trả kết quả"]:
        expect(timeline).to_contain_text(label)
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert dossier.outcome in ("early", "on_time")
