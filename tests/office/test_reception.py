import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier, Status


@pytest.fixture
def receiver_client(client_for, staff):
    return client_for(staff["receiver"])


def url(procedure) -> str:
    return reverse("office:receive", args=[procedure.code])


def test_the_procedure_is_found_without_accents(receiver_client, procedure):
    response = receiver_client.get(reverse("office:reception"), {"q": "ket hon"})
    assert response.status_code == 200
    assert url(procedure) in response.content.decode()


def test_typing_in_the_search_box_fetches_the_list_alone(receiver_client, procedure):
    """htmx asks for the list (HX-Request); the server answers with the fragment only, and
    the full page to a plain request or a history restore."""
    reception = reverse("office:reception")
    fragment = receiver_client.get(reception, {"q": "ket hon"}, headers={"hx-request": "true"})
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="procedures">') and "<html" not in html
    assert url(procedure) in html
    assert "HX-Request" in fragment.headers["Vary"]
    restore = {"hx-request": "true", "hx-history-restore-request": "true"}
    assert "<html" in receiver_client.get(reception, headers=restore).content.decode()
    assert "<html" in receiver_client.get(reception).content.decode()


def test_the_form_shows_the_fee_and_marks_mandatory_documents(receiver_client, procedure):
    html = receiver_client.get(url(procedure)).content.decode()
    assert 'value="75.000"' in html
    assert "Tờ khai" in html and "Giấy tờ tùy thân" in html
    assert html.count('class="tag tag--mandatory">bắt buộc<') == 1


def test_receiving_at_the_counter_creates_the_dossier_and_offers_the_receipt(
    receiver_client, procedure, reception_data
):
    response = receiver_client.post(url(procedure), reception_data())
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("office:dossier", args=[dossier.code]) + "?received=1"
    assert dossier.status == Status.RECEIVED
    assert dossier.fee_amount == 75000
    assert dossier.applicant_phone == "0987654321"
    assert dossier.applicant_birth_date.strftime("%d/%m/%Y") == "05/09/1990"
    assert [d.received for d in dossier.documents.all()] == [True, True]

    page = receiver_client.get(response["Location"]).content.decode()
    assert dossier.code in page
    receipt = reverse("printing:dossier_form", args=[dossier.code, "01"])
    assert f'href="{receipt}"' in page
    assert "In giấy tiếp nhận (mẫu 01)" in page


def test_wrong_applicant_data_is_shown_at_each_field_and_nothing_typed_is_lost(
    receiver_client, procedure, reception_data
):
    data = reception_data(applicant_id_number="12345", applicant_phone="12 34")
    response = receiver_client.post(url(procedure), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert 'class="error-summary"' in html
    assert 'href="#id_applicant_id_number"' in html
    assert 'href="#id_applicant_phone"' in html
    assert "12 chữ số" in html and "10 chữ số" in html
    assert 'value="Nguyễn Thị Hồng"' in html
    assert 'value="12345"' in html
    assert 'value="75.000"' in html
    assert 'value="05/09/1990"' in html


def test_a_missing_mandatory_document_is_listed_and_nothing_is_saved(
    receiver_client, procedure, reception_data
):
    response = receiver_client.post(url(procedure), reception_data(documents=["2"]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai." in html
    assert 'href="#id_documents_0"' in html
    assert not Dossier.objects.exists()
    # The refusal is offered, its reason already saying what is missing.
    assert '<details class="danger-zone" open>' in html
    assert "Hồ sơ chưa đủ thành phần theo quy định. Còn thiếu giấy tờ bắt buộc" in html


def test_one_submit_reports_every_mistake_at_once(receiver_client, procedure, reception_data):
    data = reception_data(documents=[], applicant_id_number="1234", applicant_phone="09")
    html = receiver_client.post(url(procedure), data).content.decode()
    for anchor in ("#id_documents_0", "#id_applicant_id_number", "#id_applicant_phone"):
        assert f'href="{anchor}"' in html
    assert not Dossier.objects.exists()


def test_refusing_at_the_counter_needs_a_reason_then_records_it(
    receiver_client, procedure, reception_data
):
    data = reception_data(documents=["2"], receive=None, refuse="1", refuse_reason="  ")
    response = receiver_client.post(url(procedure), data)
    assert response.status_code == 400
    assert 'href="#id_refuse_reason"' in response.content.decode()
    assert not Dossier.objects.exists()

    data["refuse_reason"] = "Không thuộc thẩm quyền giải quyết của xã."
    response = receiver_client.post(url(procedure), data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.status == Status.REFUSED
    assert dossier.events.get().note == "Không thuộc thẩm quyền giải quyết của xã."
    page = receiver_client.get(response["Location"]).content.decode()
    assert reverse("printing:dossier_form", args=[dossier.code, "03"]) in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"fee_amount": "75 nghìn"}, "fee_amount", "Nhập số tiền bằng chữ số"),
        ({"sets": "0"}, "sets", "Số bộ hồ sơ phải từ 1 đến 99."),
        ({"applicant_birth_date": "1990-09-05"}, "applicant_birth_date", "ngày/tháng/năm"),
        ({"applicant_name": ""}, "applicant_name", "Nhập họ tên"),
        ({"applicant_email": "hong@"}, "applicant_email", "thư điện tử không hợp lệ"),
    ],
)
def test_each_bad_value_is_reported_at_its_field(
    receiver_client, procedure, reception_data, changes, field, message
):
    response = receiver_client.post(url(procedure), reception_data(**changes))
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="#id_{field}"' in html
    assert message in html
    assert not Dossier.objects.exists()


def test_a_district_desk_chooses_the_department_that_handles_the_dossier(
    tree, make_user, make_procedure, client_for, reception_data
):
    procedure = make_procedure("1.013225", "Cấp giấy phép xây dựng", field=("XD", "Xây dựng"))
    procedure.agency_kinds.set([tree["kinds"]["district"]])
    desk = make_user("desk.district", ("receiver", tree["district"]))
    client = client_for(desk)
    html = client.get(url(procedure)).content.decode()
    assert "Phòng Tư pháp" in html

    data = reception_data(
        agency=str(tree["district"].pk), handling_agency=str(tree["department"].pk)
    )
    response = client.post(url(procedure), data)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.receiving_agency, dossier.handling_agency) == (
        tree["district"],
        tree["department"],
    )


def test_staff_without_the_receiver_role_cannot_receive(client_for, staff, procedure):
    client = client_for(staff["handler"])
    assert client.get(reverse("office:reception")).status_code == 403
    response = client.get(url(procedure))
    assert response.status_code == 403
    assert "vai trò tiếp nhận" in response.content.decode()


def test_another_communes_desk_cannot_receive_for_this_commune(
    client_for, staff, procedure, reception_data
):
    response = client_for(staff["other_receiver"]).post(url(procedure), reception_data())
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_the_handling_agency_defaults_to_the_office_the_procedure_names(
    tree, make_user, make_procedure, client_for
):
    from motcua.catalog.services import publish

    named = make_procedure("2.000806", "Đăng ký kết hôn có yếu tố nước ngoài")
    named.handling_office = "Phòng Tư pháp"
    named.save()
    publish(named)
    unnamed = make_procedure("1.013225", "Cấp giấy phép xây dựng", field=("XD", "Xây dựng"))
    for procedure in (named, unnamed):
        procedure.agency_kinds.set([tree["kinds"]["district"]])
    client = client_for(make_user("desk.district", ("receiver", tree["district"])))

    selected = f'<option value="{tree["department"].pk}" selected>Phòng Tư pháp</option>'
    assert selected in client.get(url(named)).content.decode()
    html = client.get(url(unnamed)).content.decode()
    assert '<option value="" selected>Chính nơi tiếp nhận</option>' in html
