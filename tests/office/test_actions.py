from django.urls import reverse
from django.utils import timezone
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier


def act(client, dossier, action, version=None, **fields):
    data = {f"{action}-expected_version": dossier.version if version is None else version}
    data |= {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(reverse("office:act", args=[dossier.code, action]), data)


def test_staff_take_a_dossier_from_reception_to_return(receive, staff, client_for):
    dossier = receive()
    steps = [
        ("receiver", "forward", "in_progress"),
        ("handler", "forward", "in_progress"),
        ("approver", "approve", "approved"),
        ("returner", "mark_result_ready", "result_ready"),
        ("returner", "return_result", "returned"),
    ]
    for role, action, status in steps:
        response = act(client_for(staff[role]), dossier, action, note=f"{action} ok")
        assert response.status_code == 302, (role, action, response.content.decode()[:2000])
        assert response["Location"] == reverse("office:dossier", args=[dossier.code])
        dossier.refresh_from_db()
        assert dossier.status == status
    assert dossier.events.count() == 6
    assert dossier.outcome == "late"  # received in 2025, returned today


def test_a_stale_version_shows_the_conflict_and_changes_nothing(receive, staff, client_for):
    dossier = receive()
    seen = dossier.version
    lifecycle.assign(dossier, actor=staff["receiver"], assignee=staff["receiver"], at=MONDAY)
    dossier.refresh_from_db()
    before = (dossier.status, dossier.current_step, dossier.version)

    response = act(client_for(staff["receiver"]), dossier, "forward", version=seen, note="x")

    html = response.content.decode()
    assert response.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật" in html
    assert 'class="error-summary"' in html
    dossier.refresh_from_db()
    assert (dossier.status, dossier.current_step, dossier.version) == before
    # The form shown again carries the current version, and what was typed.
    assert f'name="forward-expected_version" value="{dossier.version}"' in html
    assert ">\nx</textarea>" in html


def test_sending_back_needs_a_reason(receive, staff, client_for):
    dossier = lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY)
    response = act(client_for(staff["handler"]), dossier, "send_back", note="")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_send_back-note"' in html
    assert "Ghi rõ lý do chuyển lại." in html
    assert '<details class="more" open>' in html
    assert Dossier.objects.get().current_step == 1


def test_an_action_of_another_role_is_forbidden(receive, staff, client_for):
    dossier = lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY)
    response = act(client_for(staff["handler"]), dossier, "approve")
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()
    assert Dossier.objects.get().status == "in_progress"


def test_an_action_that_does_not_fit_the_status_is_a_conflict(receive, staff, client_for):
    dossier = receive()
    response = act(client_for(staff["returner"]), dossier, "return_result")
    assert response.status_code == 409
    assert "Không thể thực hiện khi hồ sơ đang ở trạng thái" in response.content.decode()


def test_an_unknown_action_is_not_found(receive, staff, client_for):
    dossier = receive()
    assert act(client_for(staff["receiver"]), dossier, "teleport").status_code == 404


def test_a_supplement_request_lists_one_item_per_line(receive, staff, client_for):
    dossier = receive(at=timezone.now())  # the request, made now, comes before the deadline
    items = "Bản sao giấy khai sinh\n\n  Ảnh 4x6  \n"
    response = act(client_for(staff["receiver"]), dossier, "request_supplement", items=items)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "waiting_supplement"
    event = dossier.events.order_by("-sequence").first()
    assert event.payload["items"] == ["Bản sao giấy khai sinh", "Ảnh 4x6"]

    # Receiving the supplement shows the items asked for as a checklist; all must be ticked.
    client = client_for(staff["receiver"])
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert 'type="checkbox" name="receive_supplement-received" value="0"' in page
    assert "Bản sao giấy khai sinh" in page and "Ảnh 4x6" in page
    response = act(client, dossier, "receive_supplement", received="0")
    assert response.status_code == 400
    assert "Chưa nhận: Ảnh 4x6." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "waiting_supplement"

    data = {"receive_supplement-expected_version": dossier.version}
    data["receive_supplement-received"] = ["0", "1"]
    url = reverse("office:act", args=[dossier.code, "receive_supplement"])
    assert client.post(url, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "received"


def test_refusal_needs_a_reason_and_closes_the_dossier(receive, staff, client_for):
    dossier = lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY)
    client = client_for(staff["handler"])
    response = act(client, dossier, "refuse", reason=" ")
    assert response.status_code == 400
    assert 'href="#id_refuse-reason"' in response.content.decode()
    assert act(client, dossier, "refuse", reason="Không đủ điều kiện.").status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.outcome) == ("refused", "refused")


def test_an_apology_takes_the_new_appointment_as_dd_mm_yyyy_hh_mm(receive, staff, client_for):
    # Received now: the apology, made now, comes at least a working day before the deadline.
    dossier = lifecycle.forward(receive(at=timezone.now()), actor=staff["receiver"])
    client = client_for(staff["handler"])
    fields = {"reason": "Cần xác minh thêm.", "new_appointment": "20-03-2025"}
    response = act(client, dossier, "apologise_and_reschedule", **fields)
    assert response.status_code == 400
    assert "ngày/tháng/năm giờ:phút" in response.content.decode()

    fields["new_appointment"] = "20/03/2099 14:30"
    assert act(client, dossier, "apologise_and_reschedule", **fields).status_code == 302
    dossier.refresh_from_db()
    assert dossier.appointment_at.astimezone(MONDAY.tzinfo).strftime("%d/%m/%Y %H:%M") == (
        "20/03/2099 14:30"
    )
    html = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "đã hẹn lại" in html
    assert reverse("printing:dossier_form", args=[dossier.code, "04"]) in html


def test_forwarding_can_name_the_next_handler(receive, staff, client_for):
    dossier = receive()
    response = act(client_for(staff["receiver"]), dossier, "forward", assignee=staff["handler"].pk)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.assignee == staff["handler"]


def test_the_desk_accepts_an_online_submission(tree, staff, make_procedure, applicant, client_for):
    online = make_procedure("1.001193", "Đăng ký khai sinh", online_level="full")
    dossier = lifecycle.submit(
        applicant_user=None,
        procedure=online,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=MONDAY,
    )
    client = client_for(staff["receiver"])
    html = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Tiếp nhận hồ sơ" in html and "/accept/" in html
    assert act(client, dossier, "accept", handling_agency="").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "received"
    assert dossier.due_at is not None
