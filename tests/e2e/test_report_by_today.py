"""The Biểu 06 page in Chromium across a re-organisation (docs/decisions/0120): the ended
commune stays in the agency chooser with its last day, and "by today's units" puts its
2024 figures under the commune that took it over; at phone and desktop widths, with no
accessibility violation."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from support import vn, walk_to

from motcua.org import reorganise
from motcua.org.models import Role
from motcua.org.plans import normalised

MERGED = "000.31.21.H56"


@pytest.fixture
def reporter(tree, make_user, staff, receive):
    # An ended unit with a name as long as the demo's: its option must not widen a phone's page.
    tree["commune_b"].name = "Ủy ban nhân dân xã Thạnh Bắc, huyện Tân Biên, tỉnh Tây Ninh"
    tree["commune_b"].save()
    for day in (4, 5, 6):
        walk_to(receive(at=vn(2024, 3, day, 9)), staff, "returned", vn(2024, 3, day, 15))
    plan = normalised(
        {
            "name": "Sáp nhập xã (thử)",
            "effective": "2025-07-01",
            "agencies": [
                {
                    "code": MERGED,
                    "name": "UBND xã Tân Thành",
                    "kind": "commune",
                    "parent": tree["district"].code,
                }
            ],
            "merge": [
                {
                    "from": [tree["commune_a"].code, tree["commune_b"].code],
                    "into": MERGED,
                    "roles": "move",
                }
            ],
        }
    )
    reorganise.apply(reorganise.record(plan), at=vn(2025, 7, 1, 0))
    return make_user("baocao.huyen", (Role.REPORTER, tree["district"]))


def log_in(page, username):
    page.goto("/login/?next=/reports/bieu-06/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/reports/bieu-06/")


def total_received(page) -> str:
    return page.locator("tr", has_text="Tổng cộng").locator("td").nth(2).inner_text()


@pytest.mark.parametrize("width", [390, 1366])
def test_todays_units_are_chosen_on_the_page(page, reporter, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "baocao.huyen")
    page.goto("/reports/bieu-06/?kind=year&year=2024")
    chooser = page.locator("#agency")
    assert "UBND xã Tân Lập (đến 30/06/2025)" in chooser.inner_text()
    chooser.select_option(MERGED)
    page.get_by_label("Theo đơn vị hiện nay").check()
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_url("**units=today**")

    assert page.get_by_label("Theo đơn vị hiện nay").is_checked()
    body = page.locator("body").inner_text()
    assert "UBND xã Tân Lập (đến 30/06/2025)" in body  # the note names what it adds
    assert "mã định danh nhỏ nhất" in body
    assert total_received(page) == "3"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert [v["id"] for v in Axe().run(page).response["violations"]] == []
    page.screenshot(path=str(tmp_path / f"by-today-{width}.png"), full_page=True)
    print(tmp_path / f"by-today-{width}.png")

    page.get_by_label("Theo đơn vị trong kỳ báo cáo").check()
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_url(lambda url: "units=today" not in url)
    assert total_received(page) == "0"
