from datetime import timedelta

from django.utils import timezone
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role
from motcua.portal.home import popular_procedures, year_figures

APPLICANT = Applicant(kind="individual", name="Lê Thị Hoa", id_number="072095001235")


def test_the_home_shows_the_years_figures_popular_procedures_and_latest_news(
    client, tree, make_user, make_procedure, make_article
):
    commune = tree["commune_a"]
    staff = {
        role: make_user(f"{role}.a", (role, commune))
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)
    }
    marriage = make_procedure("1.000894", "Đăng ký kết hôn", days=3, online_level="full")
    birth = make_procedure("1.001193", "Đăng ký khai sinh", days=1)

    def receive(procedure, at=MONDAY):
        return lifecycle.receive(
            actor=staff["receiver"],
            procedure=procedure,
            agency=commune,
            applicant=APPLICANT,
            documents_received=[1, 2],
            at=at,
        )

    on_time = receive(marriage)
    walk_to(on_time, staff, "returned", MONDAY + timedelta(hours=2))
    late = receive(marriage)
    walk_to(late, staff, "returned", MONDAY + timedelta(days=30))
    receive(birth)  # still in progress
    online = lifecycle.submit(
        applicant_user=None,
        procedure=marriage,
        agency=commune,
        applicant=APPLICANT,
        documents_received=[1],
        at=MONDAY,
    )
    lifecycle.accept(online, actor=staff["receiver"], at=MONDAY + timedelta(hours=1))
    receive(birth, at=vn(2024, 12, 30, 9))  # another year: not counted in 2025

    figures = year_figures(2025)
    assert (figures.received, figures.online) == (4, 1)
    assert (figures.early_or_on_time, figures.late, figures.resolved) == (1, 1, 2)
    assert (figures.online_share, figures.on_time_share) == (0.25, 0.5)

    assert popular_procedures(MONDAY + timedelta(days=1)) == [marriage, birth]

    make_article(title="Tin mới nhất về một cửa")
    page = client.get("/").content.decode()
    # No dossier this year yet: the home shows the latest year that has some (the demo's).
    assert "Kết quả giải quyết hồ sơ năm 2025" in page
    assert "<strong>4</strong> hồ sơ tiếp nhận" in page
    assert "<strong>1</strong> giải quyết trước hạn và đúng hạn (50,0%)" in page
    assert "<strong>1</strong> giải quyết trễ hạn" in page
    assert "<strong>25,0%</strong> hồ sơ nộp trực tuyến (1 hồ sơ)" in page
    assert "Tin mới nhất về một cửa" in page
    assert 'href="/login/"' in page and 'role="search"' in page


def test_without_recent_dossiers_the_home_shows_the_chosen_procedures(
    client, settings, make_procedure
):
    settings.MOTCUA_POPULAR_PROCEDURES = ["1.001193", "9.999999", "1.000894"]
    marriage = make_procedure("1.000894", "Đăng ký kết hôn")
    birth = make_procedure("1.001193", "Đăng ký khai sinh", days=0)
    assert popular_procedures(timezone.now()) == [birth, marriage]
    page = client.get("/").content.decode()
    assert page.index("Đăng ký khai sinh") < page.index("Đăng ký kết hôn")
    assert "<strong>0</strong> hồ sơ tiếp nhận" in page
