"""Birth registration online with the declaration as an e-form (the demo's own data): the
form is filled from the profile, asks only what applies, and becomes the declaration PDF
attached to the dossier; the blank declaration can be downloaded; the API gives the form."""

import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from store.images import encoded, page

from motcua.demo import loader
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Dossier, DossierFile

# JPEG's first bytes, then nothing a decoder can read.
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


ANSWERS = {
    "field_quan_he": "Mẹ",
    "field_ho_ten_tre": "Trần Minh Khôi",
    "field_gioi_tinh": "Nam",
    "field_ngay_sinh": "14/02/2026",
    "field_noi_sinh": "Trung tâm Y tế huyện Tân Biên",
    "field_dan_toc": "Kinh",
    "field_quoc_tich": "Việt Nam",
    "field_ho_ten_me": "Nguyễn Thị Hường",
    "field_dinh_danh_me": "072190001234",
    "field_ban_sao": "Có",
    "field_so_ban_sao": "2",
}


def _details(tree) -> dict:
    return {
        "applicant_kind": "individual",
        "applicant_name": "Nguyễn Thị Hường",
        "applicant_id_number": "072190001234",
        "applicant_phone": "0912345678",
        "applicant_address": "Ấp Thạnh Phú, xã Tân Lập",
        "agency": str(tree["commune_a"].pk),
        "delivery": "online",
    } | ANSWERS


def test_the_declaration_is_the_e_form_and_is_attached_as_a_pdf(client, citizen, tree, tmp_path):
    loader.load_catalog()
    client.force_login(citizen)
    form = client.get("/apply/1.001193/").content.decode()
    for label in ["Người được khai sinh", "Quan hệ với người được khai sinh", "Số bản sao"]:
        assert label in form
    assert 'value="072095001234"' in form  # the applicant, from the profile

    assert client.post("/apply/1.001193/", _details(tree)).status_code == 302
    documents = client.get("/apply/1.001193/documents/").content.decode()
    assert "Lập từ tờ khai điện tử ông/bà đã điền ở bước 1" in documents
    broken = SimpleUploadedFile("chung-sinh.jpg", JPEG)
    response = client.post("/apply/1.001193/documents/", {"doc-2": broken})
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF hoặc ảnh chụp (JPEG, PNG, HEIC)." in response.content.decode()
    photo = SimpleUploadedFile("chung-sinh.jpg", encoded(page(), "JPEG"))
    assert client.post("/apply/1.001193/documents/", {"doc-2": photo}).status_code == 302
    assert client.post("/apply/1.001193/review/").status_code == 302

    dossier = Dossier.objects.get()
    assert dossier.form_data["ho_ten_tre"] == "Trần Minh Khôi"
    assert dossier.form_data["ngay_sinh"] == "2026-02-14"
    assert dossier.form_data["so_ban_sao"] == 2
    declaration = DossierFile.objects.get(dossier=dossier, document_order=1)
    text = _text(read_blob(declaration.blob), tmp_path)
    for expected in [
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Thông tư số 04/2020/TT-BTP",
        "Kính gửi: UBND xã Tân Lập",
        "Họ, chữ đệm, tên: Trần Minh Khôi",
        "Ngày, tháng, năm sinh: 14/02/2026",
        "Số định danh cá nhân của người mẹ: 072190001234",
        "Số bản sao: 2",
        "Tôi cam đoan nội dung đề nghị đăng ký khai sinh",
    ]:
        assert expected in " ".join(text.split()), expected


def test_a_question_that_does_not_apply_is_neither_asked_nor_kept(client, citizen, tree):
    loader.load_catalog()
    client.force_login(citizen)
    data = _details(tree) | {"field_ban_sao": "Không", "field_so_ban_sao": ""}
    assert client.post("/apply/1.001193/", data).status_code == 302
    wrong = _details(tree) | {"field_so_ban_sao": "", "field_dinh_danh_me": "0721"}
    shown = client.post("/apply/1.001193/", wrong).content.decode()
    assert "Cần điền “Số bản sao”." in shown
    assert "Số định danh cá nhân gồm 12 chữ số." in shown


def test_the_blank_declaration_downloads_from_the_procedure_page(client, tree, tmp_path):
    loader.load_catalog()
    shown = client.get("/procedures/1.001193/").content.decode()
    assert "/procedures/1.001193/to-khai.pdf" in shown
    response = client.get("/procedures/1.001193/to-khai.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response.content, tmp_path).split())
    for expected in [
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Quan hệ với người được khai sinh: ☐ Cha ☐ Mẹ",
        "Nơi sinh: ....",
        "(Ký, ghi rõ họ, chữ đệm, tên)",
    ]:
        assert expected in text, expected


def test_the_api_gives_the_procedures_form_with_its_fields(client, tree):
    loader.load_catalog()
    body = client.get("/api/v1/procedures/1.001193").json()
    assert body["form"]["title"] == "TỜ KHAI ĐĂNG KÝ KHAI SINH"
    fields = {f["name"]: f for f in body["form"]["fields"]}
    assert fields["gioi_tinh"]["choices"] == ["Nam", "Nữ"]
    assert fields["so_ban_sao"]["show_if"] == "ban_sao=Có"
    assert fields["dinh_danh_me"]["kind"] == "id_number"
    documents = {d["name"][:16]: d for d in body["documents"]}
    assert documents["Giấy chứng sinh "]["type"] == "giay_chung_sinh"
