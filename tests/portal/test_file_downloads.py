import pytest

from motcua.dossiers import lifecycle
from motcua.org.models import Role


@pytest.fixture
def dossier(submit):
    return submit()


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_applicant_downloads_a_file_under_its_original_name(client, citizen, dossier, pdf):
    file = dossier.files.get()
    client.force_login(citizen)
    response = client.get(f"/files/{file.pk}/")
    assert response.status_code == 200
    assert content(response) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-khai.pdf"'


def test_staff_of_the_receiving_agency_download_it(client, staff, dossier):
    client.force_login(staff[Role.HANDLER])
    assert client.get(f"/files/{dossier.files.get().pk}/").status_code == 200


@pytest.mark.parametrize("who", ["other_citizen", "other_receiver"])
def test_anyone_else_gets_404(client, dossier, who, other_citizen, staff):
    user = other_citizen if who == "other_citizen" else staff["other_receiver"]
    client.force_login(user)
    assert client.get(f"/files/{dossier.files.get().pk}/").status_code == 404
    assert client.get("/files/999999/").status_code == 404


def test_without_logging_in_the_login_page_comes_first(client, dossier):
    response = client.get(f"/files/{dossier.files.get().pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_result_reaches_the_applicant_only_once_it_is_ready(
    client, citizen, dossier, walk, staff, pdf
):
    dossier = walk(dossier, "in_progress")
    result = lifecycle.attach_file(
        dossier, actor=staff[Role.HANDLER], kind="result", content=pdf, name="giay-chung-nhan.pdf"
    )
    client.force_login(citizen)
    assert client.get(f"/files/{result.pk}/").status_code == 404
    assert client.get(f"/track/{dossier.code}/result/").status_code == 404
    client.force_login(staff[Role.APPROVER])
    assert client.get(f"/files/{result.pk}/").status_code == 200
    dossier = walk(dossier, "result_ready")
    client.force_login(citizen)
    response = client.get(f"/track/{dossier.code}/result/")
    assert response.status_code == 200
    assert 'filename="giay-chung-nhan.pdf"' in response["Content-Disposition"]
    assert (
        "Tải kết quả: giay-chung-nhan.pdf" in client.get(f"/track/{dossier.code}/").content.decode()
    )
