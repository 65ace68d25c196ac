"""The office pages of reception regardless of administrative boundary: the reception form,
the workspace's hand-over buttons, the list of hand-overs and the counts on the home page."""

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier, PaperHandover
from motcua.org.models import Role


@pytest.fixture
def copy(make_procedure):
    return make_procedure("2.000815", "Chứng thực bản sao từ bản chính", boundary_free=True)


def url(procedure) -> str:
    return reverse("office:receive", args=[procedure.code])


def test_a_district_desk_finds_and_receives_a_commune_procedure_that_is_boundary_free(
    tree, make_user, client_for, copy, procedure, reception_data
):
    desk = make_user("desk.district", (Role.RECEIVER, tree["district"]))
    client = client_for(desk)
    listed = client.get(reverse("office:reception")).content.decode()
    assert url(copy) in listed and url(procedure) not in listed
    assert "Không phụ thuộc địa giới" in listed
    assert client.get(url(procedure)).status_code == 403  # not boundary-free: as before

    form = client.get(url(copy)).content.decode()
    assert "Theo nơi cư trú" in form and "UBND xã Thạnh Bắc" in form
    response = client.post(
        url(copy),
        reception_data(
            agency=str(tree["district"].pk),
            applicant_address="Ấp Thạnh Trung, xã Thạnh Bắc",
            fee_amount="2.000",
        ),
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.receiving_agency, dossier.handling_agency) == (
        tree["district"],
        tree["commune_b"],
    )


def test_an_unknown_residence_asks_the_receiver_to_choose_and_changes_nothing(
    tree, make_user, client_for, copy, reception_data
):
    desk = make_user("desk.district", (Role.RECEIVER, tree["district"]))
    response = client_for(desk).post(
        url(copy), reception_data(agency=str(tree["district"].pk), applicant_address="Khu phố 3")
    )
    assert response.status_code == 400
    assert "hãy chọn cơ quan giải quyết" in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_workspaces_show_the_hand_over_to_whoever_may_act(
    tree, staff, client_for, copy, reception_data
):
    sender = client_for(staff["receiver"])
    sender.post(
        url(copy),
        reception_data(handling_agency=str(tree["commune_b"].pk), fee_amount="2.000"),
    )
    dossier = Dossier.objects.get()
    page = reverse("office:dossier", args=[dossier.code])
    html = sender.get(page).content.decode()
    assert "Bản giấy hồ sơ" in html and "Chưa gửi" in html
    assert "Gửi bản giấy đến cơ quan giải quyết" in html

    home = sender.get(reverse("office:dashboard")).content.decode()
    assert "Cần gửi: <strong>1</strong>" in home
    assert "tiếp nhận cho cơ quan khác giải quyết: <strong>1</strong>" in home
    assert dossier.code in sender.get(reverse("office:handovers")).content.decode()

    receiver_b = client_for(staff["other_receiver"])
    assert "Xác nhận đã nhận bản giấy" not in receiver_b.get(page).content.decode()
    # Someone at B cannot send in A's place: refused, nothing changes.
    refused = receiver_b.post(
        reverse("office:act", args=[dossier.code, "send_originals"]),
        {"send_originals-expected_version": dossier.version},
    )
    assert refused.status_code == 403
    assert PaperHandover.objects.get().sent_at is None

    sent = sender.post(
        reverse("office:act", args=[dossier.code, "send_originals"]),
        {"send_originals-expected_version": dossier.version, "send_originals-note": ""},
    )
    assert sent.status_code == 302
    html = receiver_b.get(page).content.decode()
    assert "Xác nhận đã nhận bản giấy" in html
    assert "Gửi đến: UBND xã Thạnh Bắc" in html  # the history says where they went
    assert (
        "Cần nhận: <strong>1</strong>"
        in receiver_b.get(reverse("office:dashboard")).content.decode()
    )

    dossier.refresh_from_db()
    received = receiver_b.post(
        reverse("office:act", args=[dossier.code, "receive_originals"]),
        {"receive_originals-expected_version": dossier.version},
    )
    assert received.status_code == 302
    assert PaperHandover.objects.get().received_by == staff["other_receiver"]
    html = receiver_b.get(page).content.decode()
    assert "Nhận bản giấy hồ sơ từ nơi tiếp nhận" in html
