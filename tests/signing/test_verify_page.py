"""The public verify page: upload a PDF, or follow the QR code printed on a result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from signing.pdftools import tamper
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import FileKind
from motcua.org.models import Role
from motcua.signing.services import issued_result


@pytest.fixture
def issued(agency_certificate, dossier_to_approve, staff, one_page_pdf, pki, settings):
    """An approved dossier whose uploaded result was signed; the test CA is trusted."""
    settings.MOTCUA_TRUST_ROOTS = [pki.root_path]
    lifecycle.attach_file(
        dossier_to_approve,
        actor=staff[Role.HANDLER],
        kind=FileKind.RESULT,
        content=one_page_pdf,
        name="ket-qua.pdf",
        at=MONDAY,
    )
    return lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)


def _upload(client, content: bytes, code: str = ""):
    return client.post(
        "/verify/",
        {"file": SimpleUploadedFile("tep.pdf", content, "application/pdf"), "code": code},
    )


def test_the_issued_result_is_recognised_and_its_signature_trusted(client, issued):
    content = read_blob(issued_result(issued).blob)

    page = _upload(client, content).content.decode()

    assert f"Đây đúng là tệp kết quả do UBND xã Tân Lập cấp cho hồ sơ {issued.code}" in page
    assert "Chữ ký hợp lệ, chứng thư số tin cậy." in page
    assert "Nguyễn Văn An" in page


def test_a_changed_copy_is_broken_and_not_the_issued_file(client, issued):
    content = tamper(read_blob(issued_result(issued).blob))

    page = _upload(client, content, code=issued.code).content.decode()

    assert "Chữ ký KHÔNG hợp lệ: nội dung đã bị thay đổi sau khi ký." in page
    assert f"Tệp này không phải tệp kết quả cơ quan đã cấp cho hồ sơ {issued.code}" in page


def test_the_qr_link_shows_the_issued_result_but_not_the_applicant(client, issued):
    source = issued.events.get(kind="approve").payload["result_source_sha256"]

    response = client.get("/verify/", {"code": issued.code, "sha256": source})

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Văn bản có thật: đây là kết quả giải quyết hồ sơ {issued.code}." in page
    assert "Đăng ký kết hôn" in page
    assert issued_result(issued).blob_id in page
    assert "Chữ ký hợp lệ, chứng thư số tin cậy." in page
    assert "Trần Văn Bình" not in page


def test_a_qr_link_that_matches_nothing_says_so(client, issued):
    page = client.get("/verify/", {"code": issued.code, "sha256": "0" * 64}).content.decode()

    assert "Không tìm thấy văn bản nào do cơ quan cấp khớp với mã QR này." in page


def test_an_unsigned_pdf_and_a_non_pdf(client, db, one_page_pdf):
    assert "Tệp không có chữ ký số nào." in _upload(client, one_page_pdf).content.decode()

    response = _upload(client, b"GIF89a not a pdf")

    assert response.status_code == 400
    assert "Tệp không phải PDF." in response.content.decode()
