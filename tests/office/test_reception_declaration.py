"""The desk types a paper application's declaration into the same e-form the portal uses."""

from motcua.demo import loader
from motcua.dossiers.models import Dossier

ANSWERS = {
    "field_quan_he": "Cha",
    "field_ho_ten_tre": "Lê Gia Bảo",
    "field_gioi_tinh": "Nam",
    "field_ngay_sinh": "02/03/2025",
    "field_noi_sinh": "Trạm Y tế xã Tân Lập",
    "field_dan_toc": "Kinh",
    "field_quoc_tich": "Việt Nam",
    "field_ho_ten_me": "Phạm Thị Thu",
    "field_dinh_danh_me": "072190004321",
    "field_ban_sao": "Không",
}


def _post(client, data):
    return client.post("/office/reception/1.001193/", data)


def test_the_counter_keeps_the_declarations_answers_with_the_dossier(
    tree, staff, client_for, reception_data
):
    loader.load_catalog()
    client = client_for(staff["receiver"])
    assert "Người được khai sinh" in client.get("/office/reception/1.001193/").content.decode()
    data = reception_data(documents=["1", "2"], fee_amount="0") | ANSWERS

    response = _post(client, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.form_data["ho_ten_tre"] == "Lê Gia Bảo"
    assert dossier.form_data["ngay_sinh"] == "2025-03-02"
    assert "so_ban_sao" not in dossier.form_data
    workspace = client.get(f"/office/dossiers/{dossier.code}/").content.decode()
    assert "Nội dung tờ khai" in workspace and "Lê Gia Bảo" in workspace
    assert f"/print/dossiers/{dossier.code}/to-khai.pdf" in workspace
    printed = client.get(f"/print/dossiers/{dossier.code}/to-khai.pdf")
    assert printed["Content-Type"] == "application/pdf"


def test_a_wrong_answer_is_shown_and_nothing_is_received(tree, staff, client_for, reception_data):
    loader.load_catalog()
    data = reception_data(documents=["1", "2"]) | ANSWERS | {"field_dinh_danh_me": "0721"}
    response = _post(client_for(staff["receiver"]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số định danh cá nhân gồm 12 chữ số." in page
    assert 'value="Lê Gia Bảo"' in page
    assert not Dossier.objects.exists()


def test_refusing_at_the_counter_does_not_need_the_declaration(
    tree, staff, client_for, reception_data
):
    loader.load_catalog()
    data = reception_data(documents=["2"], refuse="1", refuse_reason="Thiếu tờ khai.")
    data.pop("receive")
    response = _post(client_for(staff["receiver"]), data)
    assert response.status_code == 302
    assert Dossier.objects.get().status == "refused"
