"""A citizen's whole way, in the browser: register and verify by code, apply online with
uploads, pay through the test gateway; the desk accepts (office pages) and asks for a
supplement, the citizen sends it, the commune approves and returns the result; the citizen
downloads it and rates the service. Every step's email is in the outbox."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support import blank_pdf, staff_device, totp_code

from motcua.catalog.models import FormField
from motcua.catalog.services import publish
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.notify.models import Message
from motcua.org.models import Role

PDF = blank_pdf()
RESULT = PDF + b"% giay chung nhan dang ky ho kinh doanh\n"
EMAIL = "binh@example.vn"


def pdf_file(name: str, content: bytes = PDF) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


@pytest.fixture
def scene(settings, live_server, tree, make_user, make_procedure):
    """The commune's desk officer (holding every role there) and a fully online procedure."""
    settings.SITE_URL = live_server.url
    settings.MOTCUA_TEST_GATEWAY = True
    procedure = make_procedure(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        field=("HKD", "Hộ kinh doanh"),
        online_level="full",
        fee_amount=75000,
    )
    FormField.objects.create(
        procedure=procedure, order=1, name="ten_ho", label="Tên hộ kinh doanh", kind="text"
    )
    FormField.objects.create(
        procedure=procedure,
        order=2,
        name="nganh_nghe",
        label="Ngành nghề",
        kind="choice",
        choices="Bán lẻ\nĂn uống",
    )
    publish(procedure)
    roles = [(role, tree["commune_a"]) for role in Role.values if role != Role.AGENCY_ADMIN]
    return make_user("lan.tanlap", *roles, first_name="Nguyễn Thị Lan")


def code_in(to: str) -> str:
    body = Message.objects.filter(to=to, template="otp").latest("pk").body
    return re.search(r"\b(\d{6})\b", body).group(1)


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page."""
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def act(office, button: str, status: str, *, details: str = "", fill: dict | None = None):
    """Press one action of the office workspace (opening its folded form first)."""
    scope = office
    if details:
        scope = office.locator("details", has=office.locator("summary", has_text=details))
        scope.locator("summary").click()
    for label, value in (fill or {}).items():
        scope.get_by_label(label).fill(value)
    scope.get_by_role("button", name=button, exact=True).click()
    expect(office.locator(".status--big")).to_have_text(status)


def test_a_citizen_applies_pays_supplements_downloads_and_rates(page, browser, live_server, scene):
    # Register, then verify with the code the outbox holds.
    page.goto("/account/register/")
    page.get_by_label("Họ và tên").fill("Trần Văn Bình")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(EMAIL)
    page.get_by_label("Mật khẩu", exact=True).fill("mat-khau-rat-dai-1")
    page.get_by_label("Nhập lại mật khẩu").fill("mat-khau-rat-dai-1")
    page.get_by_role("button", name="Đăng ký và nhận mã xác thực").click()
    page.get_by_label("Mã xác thực").fill(code_in(EMAIL))
    page.get_by_role("button", name="Xác thực").click()

    # The profile, told once.
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin cá nhân")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("072095001234")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Địa chỉ thường trú").fill("Ấp Thạnh Hiệp, xã Tân Lập")
    page.get_by_role("button", name="Lưu thông tin").click()

    # Apply: the profile fills the form; the declared questions follow.
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").first.click()
    page.get_by_role("link", name="Đăng ký thành lập hộ kinh doanh").click()
    expect(page.get_by_label("Họ và tên (hoặc tên tổ chức)")).to_have_value("Trần Văn Bình")
    expect(page.get_by_label("Số điện thoại")).to_have_value("0912345678")
    assert_accessible(page)
    page.get_by_label("Tên hộ kinh doanh").fill("Tạp hóa Bình An")
    page.get_by_label("Ngành nghề").select_option("Bán lẻ")
    page.get_by_label("Nộp tới").select_option(label="UBND xã Tân Lập")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label("1. Tờ khai").set_input_files(pdf_file("to-khai.pdf"))
    page.get_by_label("2. Giấy tờ tùy thân").set_input_files(pdf_file("cccd.pdf"))
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem lại trước khi nộp")
    expect(page.locator("main")).to_contain_text("Tạp hóa Bình An")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Hồ sơ \S+$"))
    dossier = Dossier.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {dossier.code}")
    expect(page.locator("#status")).to_have_text("Chờ tiếp nhận (nộp trực tuyến)")

    # Pay the fee through the local gateway (VNPAY's protocol).
    page.get_by_role("link", name="Thanh toán trực tuyến").click()
    page.get_by_role("button", name="Thanh toán 75.000 đ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thanh toán thử nghiệm")
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã thanh toán 75.000 đ")
    page.get_by_role("link", name="Xem biên lai").click()
    expect(page.locator(".receipt")).to_contain_text("Bảy mươi lăm nghìn đồng")

    # The desk, on the office pages: accept, hand over, ask for a supplement.
    staff_context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    office = staff_context.new_page()
    office.set_default_timeout(10_000)
    device = staff_device(scene)  # she approves too, so she passes a second factor
    office.goto(f"/login/?next=/office/dossiers/{dossier.code}/")
    office.get_by_label("Tên đăng nhập").fill("lan.tanlap")
    office.get_by_label("Mật khẩu").fill("secret-pass-1")
    office.get_by_role("button", name="Đăng nhập").click()
    office.get_by_label("Mã xác thực").fill(totp_code(device))
    office.get_by_role("button", name="Xác thực").click()
    act(office, "Tiếp nhận hồ sơ", "Đã tiếp nhận")
    act(office, "Chuyển bước tiếp theo", "Đang giải quyết")
    act(
        office,
        "Yêu cầu bổ sung",
        "Chờ bổ sung",
        details="Yêu cầu bổ sung",
        fill={"Nội dung cần bổ sung": "Bản sao hợp đồng thuê địa điểm kinh doanh"},
    )

    # The citizen sees what is asked and sends it.
    page.goto(f"/track/{dossier.code}/")
    expect(page.locator("#asked-title")).to_have_text("Cần bổ sung hồ sơ")
    expect(page.locator("section.panel--notice")).to_contain_text("Bản sao hợp đồng thuê")
    assert_accessible(page)
    page.get_by_label("Tệp bổ sung").set_input_files(pdf_file("hop-dong.pdf"))
    page.get_by_role("button", name="Nộp bổ sung").click()
    expect(page.get_by_role("status").filter(has_text="hop-dong.pdf")).to_be_visible()

    # The desk receives it; the result is issued (the office has no upload yet), approved,
    # made ready and returned.
    office.reload()
    office.get_by_role("checkbox", name="Bản sao hợp đồng thuê địa điểm kinh doanh").check()
    act(office, "Nhận hồ sơ bổ sung", "Đang giải quyết")
    lifecycle.attach_file(
        Dossier.objects.get(),
        actor=scene,
        kind="result",
        content=RESULT,
        name="giay-chung-nhan.pdf",
    )
    office.reload()
    act(office, "Chuyển bước tiếp theo", "Đang giải quyết")
    act(office, "Phê duyệt", "Đã phê duyệt")
    act(office, "Xác nhận đã có kết quả", "Có kết quả, chờ trả")
    act(office, "Trả kết quả", "Đã trả kết quả")
    staff_context.close()

    # The citizen downloads the result and rates the service.
    page.goto(f"/track/{dossier.code}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả: giay-chung-nhan.pdf").click()
    assert download.value.suggested_filename == "giay-chung-nhan.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read() == RESULT
    page.get_by_role("link", name="Đánh giá việc giải quyết hồ sơ").click()
    for group in ["Việc tiếp nhận hồ sơ", "Việc giải quyết hồ sơ", "Kết quả nhận được"]:
        page.get_by_role("group", name=group).get_by_label("Rất hài lòng").check()
    page.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, không phải đi lại.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn ông/bà đã đánh giá.")).to_be_visible()

    # Every step wrote its email to the outbox, with the right text.
    emails = list(Message.objects.filter(to=EMAIL, channel="email").order_by("pk"))
    assert [m.template for m in emails] == [
        "otp",
        "dossier_submitted",
        "dossier_received",
        "supplement_requested",
        "result_ready",
    ]
    texts = {m.template: m.subject + "\n" + m.body for m in emails}
    assert dossier.code in texts["dossier_submitted"]
    assert "Đăng ký thành lập hộ kinh doanh" in texts["dossier_received"]
    assert "Bản sao hợp đồng thuê địa điểm kinh doanh" in texts["supplement_requested"]
    assert f"{live_server.url}/track/{dossier.code}/" in texts["result_ready"]
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert dossier.rating.reception == 3
    assert dossier.payments.get().status == "paid"
