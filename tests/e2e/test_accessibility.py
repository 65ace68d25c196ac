"""axe-core (shipped by the pinned axe-playwright-python package, no download at test time)
finds no violation, of any impact, on the public pages, on a phone and on a desktop (the
staff and report pages: tests/e2e/test_staff_pages.py)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from motcua.news.models import Article, ArticleStatus, Category


@pytest.fixture
def portal(tree, make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn", online_level="full", legal_basis="Luật Hộ tịch")
    make_procedure("2.000815", "Chứng thực bản sao từ bản chính", field=("CT", "Chứng thực"))
    category = Category.objects.create(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")
    for n in range(14):
        Article.objects.create(
            title=f"Tin cải cách hành chính số {n}",
            summary="Tóm tắt bài viết.",
            body="<p>Đoạn <strong>một</strong>.</p><ul><li>Ý một</li></ul>",
            category=category,
            agency=tree["district"],
            status=ArticleStatus.PUBLISHED,
            published_at=timezone.now(),
        )
    return {"article": Article.objects.order_by("pk").first()}


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_public_pages_have_no_accessibility_violations(page, portal, width):
    page.set_viewport_size({"width": width, "height": 900})
    paths = [
        "/",
        "/procedures/",
        "/procedures/1.000894/",
        "/news/",
        portal["article"].get_absolute_url(),
        "/news/category/cai-cach-hanh-chinh/",
        "/track/",
        "/login/",
        "/verify/",
        "/calendar/2025/",
    ]
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_the_home_page_works_from_the_keyboard(page, portal):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip().startswith("Bỏ qua")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id || document.activeElement.tagName")
    assert focused == "q"  # the search box comes first in the main content
    page.keyboard.type("ket hon")
    page.keyboard.press("Enter")
    page.wait_for_url("**/procedures/?q=ket+hon")
