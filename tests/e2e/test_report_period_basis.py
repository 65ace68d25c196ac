"""The Biểu 06 page in Chromium: the period basis is chosen on the page, at phone and
desktop widths."""

from urllib.parse import urlsplit

import pytest
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.org.models import Role


@pytest.fixture
def reporter(tree, make_user, staff, procedure, applicant):
    for day in (3, 17):
        dossier = lifecycle.receive(
            actor=staff["receiver"],
            procedure=procedure,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1, 2],
            at=vn(2025, 3, day, 9),
        )
        walk_to(dossier, staff, "returned", vn(2025, 3, day, 15))
    return make_user("baocao", (Role.REPORTER, tree["commune_a"]))


def log_in(page, username):
    page.goto("/login/?next=/reports/bieu-06/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/reports/bieu-06/")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_cutoff_basis_is_chosen_on_the_page(page, reporter, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "baocao")
    page.goto("/reports/bieu-06/?kind=month&year=2025&number=3")
    page.select_option("#basis", "cutoff")
    page.locator("#basis").evaluate("select => select.form.requestSubmit()")
    page.wait_for_url("**basis=cutoff**")

    body = page.locator("body").inner_text()
    assert "15/02/2025" in body and "14/03/2025" in body
    assert page.locator("#basis").input_value() == "cutoff"
    # Nothing widens the page beyond the screen (the report table scrolls in its box).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"bieu06-{width}.png"), full_page=True)
    print(tmp_path / f"bieu06-{width}.png")
