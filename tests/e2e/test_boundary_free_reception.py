"""Reception regardless of administrative boundary, in the browser: the centre of commune A
receives a certified copy for an applicant living in commune B; commune B finds it in its
queue, the paper originals go from A to B, and B resolves it (docs/decisions/0121)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support import log_in_in_browser

from motcua.dossiers.models import Dossier, PaperHandover
from motcua.org.models import Role

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NAMES = {
    "a": {
        Role.RECEIVER: "Nguyễn Thị Lan",
        Role.HANDLER: "Trương Thị Hồng Nhung",
        Role.APPROVER: "Võ Văn Thành",
        Role.RETURNER: "Lê Hoàng Phúc",
    },
    "b": {
        Role.RECEIVER: "Phạm Thị Mai",
        Role.HANDLER: "Đỗ Văn Hùng",
        Role.APPROVER: "Huỳnh Văn Tâm",
        Role.RETURNER: "Lâm Thị Thu",
    },
}


@pytest.fixture
def centres(tree, make_user):
    """The desk and handling staff of commune A (Tân Lập) and of commune B (Thạnh Bắc)."""
    return {
        (place, role): make_user(
            f"{role}.{place}", (role, tree[f"commune_{place}"]), first_name=name
        )
        for place, names in NAMES.items()
        for role, name in names.items()
    }


def log_in(page, user, then: str) -> None:
    log_in_in_browser(page, user.username, PASSWORD, then)


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def press(page, button: str, status: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".status--big")).to_have_text(status)


def check_page(page, name: str) -> None:
    """At 390 and 1366 px: nothing wider than the screen, no axe-core violation, and a
    screenshot to look at (var/screenshots)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        violations = Axe().run(page).response["violations"]
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        assert found == [], (name, width)
        page.screenshot(path=SHOTS / f"boundary-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_commune_a_receives_for_commune_b_which_resolves_it(page, tree, centres, make_procedure):
    make_procedure(
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        field=("CT", "Chứng thực"),
        boundary_free=True,
    )

    # Commune A's desk: the procedure says it is received regardless of boundary.
    log_in(page, centres["a", Role.RECEIVER], "/office/reception/")
    page.keyboard.type("chung thuc ban sao")
    link = page.get_by_role("link", name=re.compile("Chứng thực bản sao"))
    expect(link).to_contain_text("Không phụ thuộc địa giới")
    link.click()
    expect(page.get_by_label("Cơ quan giải quyết")).to_contain_text("UBND xã Thạnh Bắc")
    page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("Trần Văn Bình")
    page.keyboard.press("Tab")
    page.keyboard.type("072095001234")
    page.get_by_label("Ngày sinh").fill("12/08/1995")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Địa chỉ").fill("Ấp Thạnh Trung, xã Thạnh Bắc")
    page.get_by_label("Tờ khai").check()
    check_page(page, "reception")
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(page.locator(".status--big")).to_have_text("Đã tiếp nhận")

    dossier = Dossier.objects.get()
    assert (dossier.receiving_agency, dossier.handling_agency) == (
        tree["commune_a"],
        tree["commune_b"],
    )
    assert dossier.code.startswith("000.21.21.H56-")  # commune A's series
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.code)
    handover = page.locator("section", has=page.get_by_role("heading", name="Bản giấy hồ sơ"))
    expect(handover).to_contain_text("Chưa gửi")
    check_page(page, "workspace-received")

    # A sends the originals and hands the dossier to B's handler.
    press(page, "Gửi bản giấy đến cơ quan giải quyết", "Đã tiếp nhận")
    expect(handover).to_contain_text(NAMES["a"][Role.RECEIVER])
    press(page, "Chuyển bước tiếp theo", "Đang giải quyết")
    log_out(page)

    # B: the originals wait in the hand-over list; the dossier in the handler's queue.
    log_in(page, centres["b", Role.RECEIVER], "/office/")
    expect(page.get_by_text("Cần nhận: 1")).to_be_visible()
    check_page(page, "office-home")
    page.get_by_role("link", name="Xem danh sách bàn giao bản giấy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bàn giao bản giấy hồ sơ")
    check_page(page, "handovers")
    page.get_by_role("link", name=dossier.code).click()
    press(page, "Xác nhận đã nhận bản giấy", "Đang giải quyết")
    expect(handover).to_contain_text(NAMES["b"][Role.RECEIVER])
    check_page(page, "workspace-handed-over")
    log_out(page)

    log_in(page, centres["b", Role.HANDLER], "/office/")
    page.get_by_role("link", name=re.compile("^Cần xử lý")).click()
    page.get_by_role("link", name=dossier.code).click()
    press(page, "Chuyển bước tiếp theo", "Đang giải quyết")
    log_out(page)

    log_in(page, centres["b", Role.APPROVER], "/office/")
    page.get_by_role("link", name=re.compile("^Chờ phê duyệt")).click()
    page.get_by_role("link", name=dossier.code).click()
    press(page, "Phê duyệt", "Đã phê duyệt")
    press(page, "Xác nhận đã có kết quả", "Có kết quả, chờ trả")
    log_out(page)

    # The applicant collects the result where they filed it.
    log_in(page, centres["a", Role.RETURNER], "/office/")
    page.get_by_role("link", name=re.compile("^Chờ trả kết quả")).click()
    page.get_by_role("link", name=dossier.code).click()
    press(page, "Trả kết quả", "Đã trả kết quả")
    timeline = page.locator("table.timeline")
    for label in [
        "Tiếp nhận hồ sơ",
        "Gửi bản giấy hồ sơ đến cơ quan giải quyết",
        "Nhận bản giấy hồ sơ từ nơi tiếp nhận",
        "Phê duyệt",
        "Trả kết quả",
    ]:
        expect(timeline).to_contain_text(label)
    check_page(page, "workspace-returned")
    handed = PaperHandover.objects.get()
    assert handed.sent_by == centres["a", Role.RECEIVER]
    assert handed.received_by == centres["b", Role.RECEIVER]
