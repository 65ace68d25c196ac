"""The counter digitises each paper received: one PDF, read by OCR, kept in the applicant's
store, searchable by staff without accents; nothing of it once the dossier has moved on."""

from django.core.files.uploadedfile import SimpleUploadedFile
from store.images import encoded, page, sideways_jpeg
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.models import DossierFile, FileKind
from motcua.store.models import Origin, StoredDocument


def _post(client, dossier, order, *photos):
    files = [(f"anh-{i}.jpg", photo) for i, photo in enumerate(photos)]
    return client.post(
        f"/office/dossiers/{dossier.code}/digitise/",
        {
            "document_order": str(order),
            "pages": [SimpleUploadedFile(name, content) for name, content in files],
        },
    )


def test_a_receiver_digitises_a_paper_into_the_dossier_and_the_store(receive, staff, client_for):
    dossier = receive()
    events = dossier.events.count()
    client = client_for(staff["receiver"])

    response = _post(client, dossier, 1, sideways_jpeg(), encoded(page(["Trang 2"]), "JPEG"))

    assert response.status_code == 302
    attached = DossierFile.objects.get(dossier=dossier, kind=FileKind.DOCUMENT)
    assert attached.document_order == 1
    assert attached.blob.content_type == "application/pdf"
    stored = StoredDocument.objects.get()
    assert stored.origin == Origin.DIGITISED
    assert stored.owner_id_number == dossier.applicant_id_number
    assert stored.source_file == attached
    assert "Nguyễn Thị Hường" in stored.text
    assert dossier.events.count() == events + 1
    assert dossier.events.last().kind == "attach_file"
    shown = client.get(f"/office/dossiers/{dossier.code}/digitise/").content.decode()
    assert "Đã số hóa" in shown
    assert (
        f"/office/dossiers/{dossier.code}/digitise/"
        in client.get(f"/office/dossiers/{dossier.code}/").content.decode()
    )


def test_staff_find_a_digitised_paper_by_its_words_without_accents(receive, staff, client_for):
    dossier = receive()
    _post(client_for(staff["receiver"]), dossier, 1, encoded(page(), "PNG"))

    found = (
        client_for(staff["handler"])
        .post("/office/store/search/", {"q": "tran minh khoi"})
        .content.decode()
    )
    assert dossier.code in found
    other = (
        client_for(staff["other_handler"])
        .post("/office/store/search/", {"q": "tran minh khoi"})
        .content.decode()
    )
    assert dossier.code not in other
    assert "Tìm thấy 0 giấy tờ" in other


def test_once_the_dossier_has_moved_on_nothing_is_digitised(receive, staff, client_for):
    dossier = lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY)
    before = dossier.events.count()

    response = _post(client_for(staff["receiver"]), dossier, 1, encoded(page(), "JPEG"))

    assert response.status_code == 200
    assert "Chỉ số hóa được khi hồ sơ vừa được tiếp nhận" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier).exists()
    assert not StoredDocument.objects.exists()
    assert dossier.events.count() == before


def test_a_file_that_is_no_picture_is_refused_with_a_message(receive, staff, client_for):
    dossier = receive()
    response = _post(client_for(staff["receiver"]), dossier, 1, b"MZ not a picture")
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF hoặc ảnh chụp (JPEG, PNG, HEIC)." in response.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier).exists()


def test_staff_of_another_commune_cannot_open_the_page(receive, staff, client_for):
    dossier = receive()
    response = client_for(staff["other_receiver"]).get(f"/office/dossiers/{dossier.code}/digitise/")
    assert response.status_code == 404
