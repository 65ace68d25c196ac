"""A result handled by a department and approved by the district's vice-chairman is issued
by the district: its heading, "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", the stamp's organisation and
the verify page all name the agency of the certificate."""

import pytest
from signing.pdftools import pdfsig, text_of
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.files import read_blob
from motcua.org.models import Role, RoleAssignment, StaffProfile
from motcua.signing import democa
from motcua.signing.models import Backend
from motcua.signing.results import signature_lines
from motcua.signing.services import issued_result, register_signer


@pytest.fixture
def approved(tree, make_user, make_procedure, pki):
    district, department = tree["district"], tree["department"]
    receiver = make_user("tiepnhan.huyen", (Role.RECEIVER, district))
    handler = make_user("thuly.tuphap", (Role.HANDLER, department))
    deputy = make_user("pct.huyen", (Role.APPROVER, district), first_name="Võ Văn Thành")
    StaffProfile.objects.create(user=deputy, title="Phó Chủ tịch UBND huyện")
    # The district's leaders approve what its departments handle: said by the assignment.
    for assignment in RoleAssignment.objects.filter(user=deputy):  # as the admin page saves them
        assignment.acts_on_subordinates = True
        assignment.save()
    key, cert = pki.issue(common_name="UBND huyện Tân Biên", organisation="UBND huyện Tân Biên")
    register_signer(
        name="Chứng thư số UBND huyện",
        backend=Backend.PKCS12,
        agency=district,
        pkcs12_content=democa.pkcs12_bytes(key, cert, [pki.root]),
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
    dossier = lifecycle.forward(dossier, actor=handler, at=MONDAY)
    return lifecycle.approve(dossier, actor=deputy, at=MONDAY)


def test_the_result_is_issued_by_the_approving_agency(approved, tmp_path, pki):
    content = read_blob(issued_result(approved).blob)
    text = " ".join(text_of(content, tmp_path).split())
    assert "UBND TỈNH TÂY NINH UBND HUYỆN TÂN BIÊN" in text
    assert "PHÒNG TƯ PHÁP" not in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Võ Văn Thành" in text
    assert "Tân Biên, ngày" in text
    assert "Signature is Valid." in pdfsig(content, tmp_path)

    event = approved.events.get(kind="approve")
    assert event.payload["issuing_agency"] == "UBND huyện Tân Biên"
    assert "UBND huyện Tân Biên" in event.payload["certificate"]
    # The stamp names the certificate's organisation, not the handling department.
    assert "Cơ quan: UBND huyện Tân Biên" in text


def test_the_verify_page_names_the_certificate_organisation(approved, client):
    approval = approved.events.get(kind="approve")
    page = client.get(
        "/verify/",
        {"code": approved.code, "sha256": approval.payload["signed_result_sha256"]},
    ).content.decode()
    assert "<dt>Cơ quan cấp</dt><dd>UBND huyện Tân Biên</dd>" in page


@pytest.mark.parametrize(
    "title, lines",
    [
        ("Phó Chủ tịch UBND huyện", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("Chủ tịch UBND xã", ["CHỦ TỊCH"]),
        ("Phó Giám đốc Sở Tư pháp", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        ("Trưởng phòng Tư pháp", ["TRƯỞNG PHÒNG"]),
        ("", ["THỦ TRƯỞNG CƠ QUAN"]),
    ],
)
def test_signature_lines_follow_the_signer_title(title, lines):
    assert signature_lines(title) == lines
