from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Blob
from motcua.portal.models import ApplicationDraft

# The first bytes of a Windows program: what a renamed virus looks like.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_renamed_executable_is_refused_by_its_content(started):
    response = started.post(
        "/apply/1.001612/documents/", {"doc-1": upload("to-khai.pdf", EXECUTABLE)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tờ khai: Chỉ nhận tệp PDF hoặc ảnh chụp (JPEG, PNG, HEIC)." in page
    assert 'href="#doc-1"' in page
    assert not Blob.objects.exists()
    assert ApplicationDraft.objects.get().files == {}


def test_an_oversized_file_is_refused(started, settings, pdf):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    big = pdf + b"0" * (1024 * 1024)
    response = started.post("/apply/1.001612/documents/", {"doc-1": upload("to-khai.pdf", big)})
    assert response.status_code == 400
    assert "Tờ khai: Tệp lớn hơn 1 MB, hãy chọn tệp nhỏ hơn." in response.content.decode()
    assert not Blob.objects.exists()


def test_a_failed_upload_loses_nothing_of_the_draft(started, pdf):
    good = upload("giay-to.pdf", pdf)
    bad = upload("to-khai.pdf", EXECUTABLE)
    response = started.post("/apply/1.001612/documents/", {"doc-1": bad, "doc-2": good})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF hoặc ảnh chụp (JPEG, PNG, HEIC)." in page
    # The good file is kept and shown; the details of step 1 are still there.
    draft = ApplicationDraft.objects.get()
    assert draft.files["2"]["name"] == "giay-to.pdf"
    assert "Đã tải lên: " in page and "giay-to.pdf" in page
    assert draft.form_data["ten_ho_kinh_doanh"] == "Tạp hóa Bình An"
    assert 'value="Tạp hóa Bình An"' in started.get("/apply/1.001612/").content.decode()
    # Only the missing one needs sending again.
    response = started.post("/apply/1.001612/documents/", {"doc-1": upload("to-khai.pdf", pdf)})
    assert response["Location"] == "/apply/1.001612/review/"


def test_an_uploaded_file_can_be_opened_by_its_owner_only(started, client, other_citizen, pdf):
    started.post("/apply/1.001612/documents/", {"doc-1": upload("tờ khai.pdf", pdf)})
    sha = ApplicationDraft.objects.get().files["1"]["sha256"]
    response = started.get(f"/apply/1.001612/files/{sha}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert "attachment" in response["Content-Disposition"]
    started.force_login(other_citizen)
    assert started.get(f"/apply/1.001612/files/{sha}/").status_code == 404


def test_a_folder_in_the_file_name_is_dropped(started, pdf):
    started.post(
        "/apply/1.001612/documents/", {"doc-1": upload("C:\\Users\\binh\\to-khai.pdf", pdf)}
    )
    assert ApplicationDraft.objects.get().files["1"]["name"] == "to-khai.pdf"
