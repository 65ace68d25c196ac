"""Staff see the signed result: the district's vice-chairman approves in the browser (the
server signs), the workspace links to the result PDF and its history says who signed, with
which certificate and when."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support import MONDAY, log_in_in_browser

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role, RoleAssignment, StaffProfile
from motcua.signing import democa
from motcua.signing.models import Backend
from motcua.signing.services import register_signer

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def at_approval(tree, make_user, make_procedure):
    district, department = tree["district"], tree["department"]
    receiver = make_user("tiepnhan.huyen", (Role.RECEIVER, district))
    handler = make_user("thuly.tuphap", (Role.HANDLER, department))
    deputy = make_user("pct.huyen", (Role.APPROVER, district), first_name="Võ Văn Thành")
    StaffProfile.objects.create(user=deputy, title="Phó Chủ tịch UBND huyện")
    # The district's leaders approve what its departments handle: said by the assignment.
    for assignment in RoleAssignment.objects.filter(user=deputy):  # as the admin page saves them
        assignment.acts_on_subordinates = True
        assignment.save()
    root_key, root = democa.make_root("CA thử nghiệm")
    key, cert = democa.issue(
        root_key, root, common_name="UBND huyện Tân Biên", organisation="UBND huyện Tân Biên"
    )
    register_signer(
        name="Chứng thư số UBND huyện",
        backend=Backend.PKCS12,
        agency=district,
        pkcs12_content=democa.pkcs12_bytes(key, cert, [root]),
    )
    procedure = make_procedure("1.000894", "Đăng ký kết hôn", result_name="Giấy chứng nhận")
    procedure.agency_kinds.add(tree["kinds"]["district"])
    dossier = lifecycle.receive(
        actor=receiver,
        procedure=procedure,
        agency=district,
        handling_agency=department,
        applicant=Applicant(kind="individual", name="Trần Văn Bình", id_number="072095001234"),
        documents_received=[1],
        at=MONDAY,
    )
    dossier = lifecycle.forward(dossier, actor=receiver, at=MONDAY)
    return lifecycle.forward(dossier, actor=handler, at=MONDAY), deputy


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_the_workspace_links_the_signed_result_and_its_history_shows_the_signature(
    page, at_approval, width
):
    dossier, deputy = at_approval
    page.set_viewport_size({"width": width, "height": 900})
    then = f"/office/dossiers/{dossier.code}/"
    log_in_in_browser(page, deputy.username, PASSWORD, then)
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".status--big")).to_have_text("Đã phê duyệt")

    link = page.locator("#result-title + p a")
    expect(link).to_have_text(f"ket-qua-{dossier.code}.pdf")
    answer = page.request.get(link.get_attribute("href"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF")

    history = page.locator("table.timeline")
    expect(history).to_contain_text(
        re.compile(
            r"Ký số kết quả: Võ Văn Thành, lúc \d\d:\d\d \d\d/\d\d/\d{4}; "
            r"chứng thư số: .*UBND huyện Tân Biên"
        )
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"signed-result-{width}.png", full_page=True)
