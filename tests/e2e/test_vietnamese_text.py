"""Vietnamese as offices write it, on a phone and on a desktop: lists in Vietnamese
alphabetical order, a percentage that never breaks before its sign, no label or badge said
twice."""

import re

import pytest
from playwright.sync_api import expect
from support import MONDAY, walk_to

from motcua.dossiers import lifecycle
from motcua.portal.models import CitizenProfile

WIDTHS = pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])

# The demo's fields, in the order of a Vietnamese dictionary (letters, then tones).
FIELDS = [
    "Bảo trợ xã hội",
    "Chứng thực",
    "Đất đai",
    "Giải quyết khiếu nại",
    "Giáo dục và Đào tạo",
    "Hòa giải ở cơ sở",
    "Hoạt động xây dựng",
    "Hộ tịch",
    "Người có công",
    "Thành lập và hoạt động của hộ kinh doanh",
    "Thi đua, khen thưởng",
    "Văn hóa cơ sở",
]


@pytest.fixture
def scene(tree, staff, make_procedure, make_user, applicant):
    """A procedure in each field; a citizen's returned dossier and a refused one."""
    for n, name in enumerate(reversed(FIELDS)):
        code = "HT" if name == "Hộ tịch" else f"F{n}"  # make_procedure's own field
        make_procedure(f"1.{n:06d}", f"Thủ tục số {n}", field=(code, name), online_level="full")
    citizen = make_user("binh@example.vn", first_name="Trần Văn Bình")
    CitizenProfile.objects.create(user=citizen, phone="0912345678", verified_at=MONDAY)
    procedure = make_procedure("1.000894", "Đăng ký kết hôn", online_level="full")
    online = lifecycle.submit(
        applicant_user=citizen,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=MONDAY,
    )
    online = lifecycle.accept(online, actor=staff["receiver"], at=MONDAY)
    returned = walk_to(online, staff, "returned", MONDAY)
    refused = lifecycle.receive(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=MONDAY,
    )
    refused = lifecycle.refuse(refused, actor=staff["receiver"], reason="Giấy tờ giả mạo.")
    return {"returned": returned, "refused": refused, "citizen": citizen, "staff": staff}


def log_in(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.get_by_role("button", name="Đăng nhập").click()


def shoot(page, name: str, width: int) -> None:
    page.screenshot(path=f"/tmp/citizen-{name}-{width}.png", full_page=True)


@WIDTHS
def test_fields_are_listed_in_vietnamese_alphabetical_order(page, scene, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/procedures/")
    options = page.locator("#field option").all_inner_texts()
    assert options == ["Tất cả", *FIELDS]
    shoot(page, "procedures", width)
    page.goto("/")
    listed = page.locator("#fields + ul a, #fields ~ ul a").all_inner_texts()
    assert listed == FIELDS
    shoot(page, "home", width)


@WIDTHS
def test_percentages_keep_their_sign_on_the_number_line(page, scene, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    figures = page.locator("ul.figures li")
    texts = figures.all_inner_texts()
    shares = [m for text in texts for m in re.findall(r"\d+(?:,\d)?\s?%", text)]
    assert shares == ["100,0%", "50,0%"]  # the one resolved early; one of two online
    # Each percentage is laid out on one line: its text is a single box.
    for strong in page.locator("ul.figures li").all():
        boxes = strong.evaluate(
            """li => {
                const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
                const found = [];
                while (walker.nextNode()) {
                    const node = walker.currentNode, at = node.data.search(/\\d+,\\d%/);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + node.data.match(/\\d+,\\d%/)[0].length);
                    found.push(new Set([...range.getClientRects()].map(r => r.top)).size);
                }
                return found;
            }"""
        )
        assert all(lines == 1 for lines in boxes)


@WIDTHS
def test_the_rating_form_says_optional_once(page, scene, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "binh@example.vn")
    page.goto(f"/track/{scene['returned'].code}/rate/")
    label = page.locator("label", has_text="Góp ý")
    expect(label).to_have_text("Góp ý (không bắt buộc)")
    assert page.get_by_text("(không bắt buộc)").count() == 1
    shoot(page, "rate", width)


@WIDTHS
def test_a_refused_dossier_says_refused_once(page, scene, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, scene["staff"]["receiver"].username)
    page.goto(f"/office/dossiers/{scene['refused'].code}/")
    head = page.locator("header.dossier-head")
    expect(head.locator(".status--big")).to_have_text("Từ chối")
    assert head.inner_text().count("Từ chối") == 1
    shoot(page, "refused", width)
