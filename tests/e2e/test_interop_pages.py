"""The citizen and staff pages of the national connections, in headless Chromium at phone
and desktop widths: the level 2 requirement, the consent to a population lookup, the
documents the state holds, the reconciliation panel of the dashboard."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from motcua.catalog.models import RequiredDocument
from motcua.catalog.services import publish
from motcua.interop.models import PopulationLookup, Reconciliation
from motcua.org.models import Role
from motcua.portal.models import ApplicationDraft

WIDTHS = (390, 1366)


def logged_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def procedure(make_procedure):
    procedure = make_procedure(
        "1.001193", "Đăng ký khai sinh", online_level="full", identity_level=2
    )
    RequiredDocument.objects.filter(procedure=procedure, order=2).update(
        name="Giấy tờ chứng minh nơi cư trú", state_data="residence"
    )
    publish(procedure)
    return procedure


def test_citizen_pages_read_well_on_phone_and_desktop(
    page, live_server, procedure, tree, settings, tmp_path
):
    settings.MOTCUA_POPULATION_URL = "http://127.0.0.1:9"
    citizen = get_user_model().objects.create_user("binh@example.vn")
    logged_in(page, live_server, citizen)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto("/apply/1.001193/")
        assert response.status == 403
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Cần tài khoản định danh điện tử mức độ 2"
        )
        assert fits(page)
        page.screenshot(path=tmp_path / f"identity-{width}.png", full_page=True)
        page.goto("/interop/apply/1.001193/population/")
        page.get_by_role("button", name="Đồng ý và lấy thông tin").click()
        assert page.locator(".error-summary").inner_text().count("Cần ông/bà đồng ý") == 1
        assert fits(page)
        page.screenshot(path=tmp_path / f"population-{width}.png", full_page=True)
    procedure.identity_level = 0
    procedure.save()
    ApplicationDraft.objects.create(
        user=citizen,
        procedure=procedure,
        agency=tree["commune_a"],
        delivery="online",
        applicant={"applicant_name": "Trần Văn Bình", "applicant_id_number": "072095001234"},
    )
    PopulationLookup.objects.create(
        user=citizen,
        id_number="072095001234",
        procedure=procedure,
        consent_at=timezone.now(),
        found=True,
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/apply/1.001193/documents/")
        assert "Không cần tải lên" in page.locator("#documents").inner_text()
        assert page.locator("input[type=file]").count() == 1
        assert fits(page)
        page.screenshot(path=tmp_path / f"documents-{width}.png", full_page=True)


def test_the_dashboard_panel(page, live_server, tree, make_user, tmp_path):
    Reconciliation.objects.create(
        day=date(2025, 3, 3),
        ran_at=timezone.now(),
        local_count=12,
        national_count=11,
        matched=11,
        resent=1,
    )
    logged_in(page, live_server, make_user("baocao", (Role.REPORTER, tree["district"])))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/reports/dashboard/?kind=month&year=2025&number=3")
        panel = page.locator("#dong-bo-dvcqg + p + table")
        assert "03/03/2025" in panel.inner_text()
        assert "đã gửi lại 1 hồ sơ lệch" in page.content()
        page.locator("#dong-bo-dvcqg").scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / f"dashboard-{width}.png")
