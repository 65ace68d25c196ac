"""The e-office pages, for each role, have no serious accessibility violation (axe-core) on a
phone and on a desktop, and the forms work with labels."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from weasyprint import HTML

from motcua.eoffice import incoming, outgoing
from motcua.eoffice.models import Channel, DocumentType, Issuer
from motcua.eoffice.seed import seed_document_types
from motcua.org.models import Role

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
SEVERE = {"serious", "critical"}


@pytest.fixture
def documents(tree, make_user):
    seed_document_types()
    district = tree["district"]
    Issuer.objects.create(
        agency=district,
        abbreviation="UBND",
        heading="ỦY BAN NHÂN DÂN|HUYỆN TÂN BIÊN",
        place="Tân Biên",
    )
    clerk = make_user("vanthu", (Role.CLERK, district), first_name="Đặng Thị Linh")
    head = make_user("chanhvp", (Role.OFFICE_HEAD, district), first_name="Trương Bảo")
    handler = make_user("chuyenvien", (Role.DOC_HANDLER, tree["department"]), first_name="Ngân")
    signer = make_user("pct", (Role.DOC_SIGNER, district), first_name="Võ Văn Thành")
    letter = incoming.register_upload(
        agency=district,
        user=clerk,
        pdf=HTML(string="<p>Bản quét</p>").write_pdf(),
        channel=Channel.PAPER,
        sender_name="Sở Nội vụ",
        symbol="88/SNV-CCHC",
        issued_on=date(2026, 3, 2),
        title="Về việc kiểm tra công tác văn thư",
        urgency="urgent",
    )
    incoming.assign(letter, head, lead_unit=tree["department"], days=5)
    draft = outgoing.create_draft(
        agency=district,
        user=handler,
        document_type=DocumentType.objects.get(code="TB"),
        title="Thông báo lịch tiếp công dân",
        body="Nội dung thông báo.",
        signer=signer,
        signer_title="Phó Chủ tịch",
        replies_to=letter,
    )
    outgoing.submit(draft, handler)
    return {"letter": letter, "draft": draft}


def log_in(page, username: str, then: str) -> None:
    page.goto(f"/login/?next={then}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == then)


def severe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SEVERE
    ]


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_eoffice_pages_have_no_serious_accessibility_violations(page, documents, width):
    page.set_viewport_size({"width": width, "height": 900})
    letter, draft = documents["letter"].pk, documents["draft"].pk
    visits = {
        "chanhvp": [
            "/eoffice/",
            f"/eoffice/in/{letter}/",
            f"/eoffice/out/{draft}/",
            "/eoffice/report/",
        ],
        "vanthu": ["/eoffice/in/", "/eoffice/in/new/", "/eoffice/out/"],
        "chuyenvien": [f"/eoffice/in/{letter}/", f"/eoffice/out/new/?reply={letter}"],
    }
    found = {}
    for username, paths in visits.items():
        log_in(page, username, "/eoffice/")
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            violations = severe_violations(page)
            if violations:
                found[f"{username} {path}"] = violations
        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/")
    assert found == {}


def test_the_register_search_finds_without_accents(page, documents):
    log_in(page, "vanthu", "/eoffice/")
    page.get_by_role("link", name="Văn bản đến").first.click()
    page.get_by_label("Tìm theo số, ký hiệu, trích yếu, cơ quan").fill("cong tac van thu")
    page.get_by_role("button", name="Tìm", exact=True).click()
    assert page.get_by_role("link", name="88/SNV-CCHC").is_visible()
    page.get_by_label("Tìm theo số, ký hiệu, trích yếu, cơ quan").fill("khong co van ban nay")
    page.get_by_role("button", name="Tìm", exact=True).click()
    assert page.get_by_text("Không có văn bản nào.").is_visible()
