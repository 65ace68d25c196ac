"""A government intranet has no internet: the API docs and every page's icon come from the
server itself, on a phone and on a desktop."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

WIDTHS = pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])


@pytest.fixture
def offline(page, live_server):
    """The page reaches the live server only; every request elsewhere is refused and noted."""
    ours = urlsplit(live_server.url).netloc
    outside: list[str] = []

    def route(route):
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return outside


@WIDTHS
def test_the_api_docs_render_their_operations_without_internet(page, offline, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/procedures", exact=True).first).to_be_visible()
    assert page.locator(".opblock").count() >= 5
    page.screenshot(path=f"/tmp/citizen-api-docs-{width}.png", full_page=False)
    assert offline == []


@WIDTHS
def test_every_page_has_an_icon_served_by_the_site(page, offline, tree, width):
    page.set_viewport_size({"width": width, "height": 900})
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ["/", "/procedures/", "/track/", "/login/"]:
        page.goto(path)
        icons = page.locator("link[rel=icon]")
        assert icons.count() >= 1, path
        for href in icons.evaluate_all("links => links.map(l => l.href)"):
            response = page.request.get(href)
            assert response.status == 200, href
            assert response.headers["content-type"].startswith("image/"), href
    response = page.request.get("/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert failed == []
    assert offline == []
