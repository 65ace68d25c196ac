"""Staff and report pages in the browser, on a 390 px phone and a 1366 px desktop: each
account's menu offers only pages it may open, no page scrolls sideways, the reports open on
the last year that has dossiers, and the dashboard's charts are drawn whole."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support import log_in_in_browser, vn, walk_to

from motcua.demo import loader
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role, RoleAssignment

WIDTHS = pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CITIZEN_LINKS = ("Nộp trực tuyến", "Tra cứu hồ sơ", "Hồ sơ của tôi", "Tài khoản")
# One demo account for each role (staff.toml), and the superuser.
DEMO_ACCOUNTS = (
    "admin",
    "tiepnhan.huyen",
    "thuly.tuphap",
    "pct.huyen",
    "trakequa.huyen",
    "quantri.huyen",
    "baocao.huyen",
    "baocao.tinh",
)


def log_in(page, username: str, password: str = PASSWORD, then: str = "/office/") -> None:
    log_in_in_browser(page, username, password, then)


@pytest.fixture
def district_year(tree, make_user, make_procedure):
    """A year 2022 at two communes: one dossier received and returned each month in each,
    and one still in progress; the district's staff hold every role, its reporter reads."""
    district = tree["district"]
    staff = {
        role: make_user(f"{role}.huyen", (role, district), first_name=f"Cán bộ {role}")
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER, Role.REPORTER)
    }
    # The district's staff stand in for the communes: said by their assignments.
    for assignment in RoleAssignment.objects.filter(
        agency=district
    ):  # as the admin page saves them
        assignment.acts_on_subordinates = True
        assignment.save()
    marriage = make_procedure("1.000894", "Đăng ký kết hôn", days=3)
    applicant = Applicant(
        kind="individual", name="Trần Văn Bình", id_number="072095001234", phone="0912345678"
    )
    dossiers = []
    for month in range(1, 13):
        for commune in ("commune_a", "commune_b"):
            dossier = lifecycle.receive(
                actor=staff[Role.RECEIVER],
                procedure=marriage,
                agency=tree[commune],
                applicant=applicant,
                documents_received=[1, 2],
                at=vn(2022, month, 7, 9),
            )
            dossiers.append(walk_to(dossier, staff, "returned", vn(2022, month, 8, 10)))
    open_dossier = lifecycle.receive(
        actor=staff[Role.RECEIVER],
        procedure=marriage,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=vn(2022, 12, 28, 9),
    )
    open_dossier = walk_to(open_dossier, staff, "in_progress", vn(2022, 12, 28, 10))
    return {"staff": staff, "open": open_dossier, "returned": dossiers[-1]}


def staff_pages(data) -> list[str]:
    return [
        "/office/",
        "/office/?queue=handle",
        "/office/reception/",
        "/office/reception/1.000894/",
        "/office/search/?q=tran",
        f"/office/dossiers/{data['open'].code}/",
        f"/office/dossiers/{data['returned'].code}/",
        "/office/signing/",
        "/office/signing/pkcs12/",
        "/office/signing/token/",
        "/reports/",
        "/reports/bieu-06/",
        "/reports/dashboard/",
        "/reports/index/",
        "/reports/summary/",
        "/calendar/2025/",
    ]


@WIDTHS
def test_each_demo_account_sees_only_menu_links_it_may_open(page, width):
    loader.load_agencies()
    loader.load_staff()
    page.set_viewport_size({"width": width, "height": 900})
    for username in DEMO_ACCOUNTS:
        log_in(page, username, loader.demo_password())
        for start in ("/office/", "/reports/"):
            if page.goto(start).status != 200:
                continue  # not theirs: its own menu is never offered (checked below)
            menu = page.locator("header nav a")
            names = menu.all_text_contents()
            assert not set(names) & set(CITIZEN_LINKS), (username, start, names)
            for href in {link.get_attribute("href") for link in menu.all()}:
                answer = page.request.get(href)
                assert answer.status == 200, (username, start, href, answer.status)
        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/")


def test_the_menu_hides_what_a_role_may_not_open(page, district_year):
    staff = district_year["staff"]
    log_in(page, staff[Role.RECEIVER].username)
    nav = page.locator("header nav")
    expect(nav.get_by_role("link", name="Tiếp nhận hồ sơ")).to_be_visible()
    expect(nav.get_by_role("link", name="Báo cáo")).to_have_count(0)
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, staff[Role.REPORTER].username)
    expect(nav.get_by_role("link", name="Báo cáo")).to_be_visible()
    expect(nav.get_by_role("link", name="Tiếp nhận hồ sơ")).to_have_count(0)


@WIDTHS
def test_staff_pages_fit_the_screen_and_pass_axe(page, district_year, width, superuser):
    """No page is wider than the screen (wide tables scroll inside their own box or turn
    into cards), and axe-core finds no violation of any impact."""
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, superuser.username)
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide, violations = {}, {}
    for path in staff_pages(district_year):
        assert page.goto(path).status == 200, path
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[path] = (
                scroll_width,
                page.evaluate(
                    """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"""
                ),
            )
        found = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page).response["violations"]
        ]
        if found:
            violations[path] = found
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "_")
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    assert too_wide == {}
    assert violations == {}, "\n".join(f"{p}: {v}" for p, v in violations.items())


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri", password=PASSWORD)


@WIDTHS
def test_reports_open_on_the_last_year_with_dossiers_and_draw_their_charts(
    page, district_year, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, district_year["staff"][Role.REPORTER].username, then="/reports/dashboard/")
    expect(page.locator("main")).to_contain_text("Năm 2022 (01/01/2022 - 31/12/2022)")
    expect(page.locator("#year")).to_have_value("2022")
    page.screenshot(path=SHOTS / f"reports_dashboard_charts-{width}.png", full_page=True)

    rates, units = page.locator("figure.chart svg").all()[:2]
    # The y axis says 0% ... 100% in full, every label inside the drawing.
    texts = rates.locator("text").all_text_contents()
    for tick in ("0%", "25%", "50%", "75%", "100%"):
        assert tick in texts
    assert [f"T{m}" for m in range(1, 13)] == [
        t for t in texts if t.startswith("T") and t[1:].isdigit()
    ]
    inside = page.evaluate(
        """svg => [...svg.querySelectorAll('text')].every(t => {
            const box = t.getBoundingClientRect(), frame = svg.getBoundingClientRect();
            return box.left >= frame.left && box.top >= frame.top
                && box.right <= frame.right && box.bottom <= frame.bottom; })""",
        rates.element_handle(),
    )
    assert inside
    assert rates.locator("polyline").count() == 2
    # One bar per unit that resolved dossiers (the two communes), each drawn.
    bars = units.locator("rect")
    assert bars.count() == 2
    for bar in bars.all():
        box = bar.bounding_box()
        assert box["width"] > 0 and box["height"] > 0
    assert units.locator("text").all_text_contents().count("100,0%") == 2

    page.goto("/reports/index/")
    expect(page.locator("#month")).to_have_value("12/2022")
    page.goto("/reports/summary/")
    expect(page.locator("#year")).to_have_value("2022")
