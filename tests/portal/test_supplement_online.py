import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.org.models import Role


@pytest.fixture
def waiting(submit, walk, staff):
    dossier = walk(submit(), "in_progress")
    return lifecycle.request_supplement(
        dossier, actor=staff[Role.HANDLER], items=["Bản sao hợp đồng thuê nhà"], at=MONDAY
    )


def test_the_applicant_uploads_what_was_asked_and_the_desk_receives_it(
    client, citizen, waiting, staff, pdf
):
    client.force_login(citizen)
    page = client.get(f"/track/{waiting.code}/").content.decode()
    assert "Cần bổ sung hồ sơ" in page and "Bản sao hợp đồng thuê nhà" in page
    upload = SimpleUploadedFile("hop-dong.pdf", pdf, content_type="application/pdf")
    response = client.post(f"/track/{waiting.code}/supplement/", {"files": [upload]}, follow=True)
    assert "Đã nộp bổ sung tệp hop-dong.pdf." in response.content.decode()
    file = waiting.files.get(kind="supplement")
    assert file.name == "hop-dong.pdf" and file.uploaded_by == citizen
    dossier = lifecycle.receive_supplement(waiting, actor=staff[Role.RECEIVER])
    assert dossier.status == "in_progress"


def test_a_bad_supplement_file_is_refused_with_its_name(client, citizen, waiting):
    client.force_login(citizen)
    upload = SimpleUploadedFile("hop-dong.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(f"/track/{waiting.code}/supplement/", {"files": [upload]}, follow=True)
    assert "hop-dong.pdf: Chỉ nhận tệp PDF, JPEG hoặc PNG." in response.content.decode()
    assert not waiting.files.filter(kind="supplement").exists()


def test_only_the_applicant_uploads_supplements(client, other_citizen, waiting, pdf):
    client.force_login(other_citizen)
    upload = SimpleUploadedFile("x.pdf", pdf, content_type="application/pdf")
    assert client.post(f"/track/{waiting.code}/supplement/", {"files": [upload]}).status_code == 404
