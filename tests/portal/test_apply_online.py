from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.portal.models import ApplicationDraft

DETAILS = {
    "applicant_kind": "individual",
    "applicant_name": "Trần Văn Bình",
    "applicant_id_number": "072095001234",
    "applicant_birth_date": "12/08/1995",
    "applicant_phone": "0912 345 678",
    "applicant_email": "binh@example.vn",
    "applicant_address": "Ấp Thạnh Hiệp, xã Tân Lập",
    "delivery": "online",
    "field_ten_ho_kinh_doanh": "Tạp hóa Bình An",
    "field_von": "50.000.000",
    "field_nganh_nghe": "Bán lẻ",
}


def details(tree, **changes):
    return DETAILS | {"agency": str(tree["commune_a"].pk)} | changes


def test_the_form_is_filled_from_the_profile(client, citizen, online_procedure):
    client.force_login(citizen)
    page = client.get("/apply/1.001612/").content.decode()
    for value in ["Trần Văn Bình", "072095001234", "0912345678", "binh@example.vn"]:
        assert f'value="{value}"' in page, value
    assert "Ấp Thạnh Hiệp, xã Tân Lập" in page
    for label in ["Tên hộ kinh doanh", "Vốn kinh doanh (đồng)", "Ngành nghề", "Ăn uống"]:
        assert label in page


def test_only_online_procedures_can_be_applied_for(client, citizen, make_procedure):
    make_procedure("1.000656", "Đăng ký khai tử")
    client.force_login(citizen)
    assert client.get("/apply/1.000656/").status_code == 404
    assert "Đăng ký khai tử" not in client.get("/apply/").content.decode()


def test_applying_needs_an_account(client, online_procedure):
    response = client.get("/apply/1.001612/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/apply/1.001612/")


def test_declared_fields_are_checked_and_what_was_typed_is_kept(
    client, citizen, tree, online_procedure
):
    client.force_login(citizen)
    data = details(
        tree, field_ten_ho_kinh_doanh="", field_von="năm mươi", field_nganh_nghe="", agency=""
    )
    response = client.post("/apply/1.001612/", data)
    page = response.content.decode()
    assert response.status_code == 400
    # The summary lists the errors in the order of the page.
    assert page.index("Cần điền “Tên hộ kinh doanh”.") < page.index("Chọn nơi nộp hồ sơ.")
    assert "Cần điền “Tên hộ kinh doanh”." in page
    assert "Nhập một số, ví dụ 1.500 hoặc 2,5." in page
    assert "Chọn “Ngành nghề”." in page
    assert 'href="#id_field_von"' in page
    assert 'value="năm mươi"' in page
    # The draft holds it too: coming back later shows the same.
    assert ApplicationDraft.objects.get().form_data["von"] == "năm mươi"
    assert 'value="năm mươi"' in client.get("/apply/1.001612/").content.decode()


def test_the_applicant_is_checked_as_at_the_desk(client, citizen, tree, online_procedure):
    client.force_login(citizen)
    data = details(tree, applicant_id_number="123", applicant_phone="", applicant_email="")
    page = client.post("/apply/1.001612/", data).content.decode()
    assert "Nhập số điện thoại hoặc thư điện tử để nhận thông báo." in page
    data = details(tree, applicant_id_number="123")
    page = client.post("/apply/1.001612/", data).content.decode()
    assert "Số định danh cá nhân (CCCD) gồm 12 chữ số." in page


def test_a_whole_application_creates_an_online_dossier_waiting_for_the_desk(
    client, citizen, tree, online_procedure, pdf
):
    client.force_login(citizen)
    response = client.post("/apply/1.001612/", details(tree))
    assert response["Location"] == "/apply/1.001612/documents/"
    upload = SimpleUploadedFile("tờ khai.pdf", pdf, content_type="application/pdf")
    response = client.post("/apply/1.001612/documents/", {"doc-1": upload})
    assert response["Location"] == "/apply/1.001612/review/"
    page = client.get("/apply/1.001612/review/").content.decode()
    for text in ["Tạp hóa Bình An", "50.000.000", "Bán lẻ", "UBND xã Tân Lập", "tờ khai.pdf"]:
        assert text in page, text

    response = client.post("/apply/1.001612/review/")
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/track/{dossier.code}/"
    assert dossier.status == Status.SUBMITTED
    assert dossier.channel == "online"
    assert dossier.delivery == "online"
    assert dossier.applicant_user == citizen
    assert dossier.applicant_birth_date.isoformat() == "1995-08-12"
    assert dossier.form_data == {
        "ten_ho_kinh_doanh": "Tạp hóa Bình An",
        "von": 50000000,
        "nganh_nghe": "Bán lẻ",
    }
    assert dossier.fee_amount == 75000
    assert [d.received for d in dossier.documents.all()] == [True, False]
    (file,) = dossier.files.all()
    assert (file.kind, file.name, file.document_order) == ("document", "tờ khai.pdf", 1)
    assert list(dossier.events.values_list("kind", flat=True)) == ["submit", "attach_file"]
    # The version the dossier keeps knows the questions it answered.
    assert [f["name"] for f in dossier.procedure_version.data["form_fields"]] == [
        "ten_ho_kinh_doanh",
        "von",
        "nganh_nghe",
    ]
    assert not ApplicationDraft.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert dossier.code in page and "Chờ tiếp nhận (nộp trực tuyến)" in page


def test_a_mandatory_document_is_needed_before_the_review(client, citizen, tree, online_procedure):
    client.force_login(citizen)
    client.post("/apply/1.001612/", details(tree))
    response = client.post("/apply/1.001612/documents/", {})
    assert response.status_code == 400
    assert "Chưa tải lên: Tờ khai." in response.content.decode()
    assert client.get("/apply/1.001612/review/")["Location"] == "/apply/1.001612/documents/"


def test_a_failed_submission_leaves_no_half_dossier(
    client, citizen, tree, online_procedure, pdf, monkeypatch
):
    client.force_login(citizen)
    client.post("/apply/1.001612/", details(tree))
    upload = SimpleUploadedFile("to-khai.pdf", pdf, content_type="application/pdf")
    client.post("/apply/1.001612/documents/", {"doc-1": upload})
    tree["commune_a"].kind.procedures.clear()  # the commune no longer takes this procedure
    response = client.post("/apply/1.001612/review/")
    assert response.status_code in (400, 409)
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()
    assert ApplicationDraft.objects.get().files["1"]["name"] == "to-khai.pdf"
