from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.notify.models import Message
from motcua.ui.templatetags.vn import vntime_words


@pytest.fixture(autouse=True)
def _clock_on_monday(monkeypatch):
    """The office acts on Monday 03/03/2025 and the clock says so: these events are news."""
    monkeypatch.setattr(timezone, "now", lambda: MONDAY + timedelta(hours=8))


def messages(dossier, template):
    return {m.channel: m for m in Message.objects.filter(dossier=dossier, template=template)}


def test_moments_are_written_as_on_the_receipt():
    assert vntime_words(vn(2025, 3, 6, 9, 5)) == "09 giờ 05 phút, ngày 06/03/2025"
    assert vntime_words(None) == ""


def test_reception_tells_the_applicant_the_code_and_the_appointment(receive):
    dossier = receive()
    local = timezone.localtime(dossier.appointment_at)
    appointment = local.strftime("%H giờ %M phút, ngày %d/%m/%Y")

    sent = messages(dossier, "dossier_received")
    email, sms = sent["email"], sent["sms"]
    assert email.to == "binh@example.vn" and sms.to == "0912345678"
    assert (
        email.subject == f"Hồ sơ {dossier.code} đã được tiếp nhận — hẹn trả kết quả {appointment}"
    )
    assert (
        f"Hồ sơ {dossier.code} (Đăng ký kết hôn) đã được tiếp nhận lúc "
        "09 giờ 00 phút, ngày 03/03/2025 tại UBND xã Tân Lập." in email.body
    )
    assert f"Hẹn trả kết quả: {appointment}." in email.body
    assert f"http://127.0.0.1:8000/track/{dossier.code}/" in email.body
    assert sms.body == f"Hồ sơ {dossier.code} đã được tiếp nhận. Hẹn trả kết quả: {appointment}."


def test_online_submission_is_acknowledged_and_acceptance_gives_the_appointment(
    tree, staff, procedure, applicant
):
    procedure.online_level = "partial"
    procedure.save()
    dossier = lifecycle.submit(
        applicant_user=None,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=MONDAY,
    )
    submitted = messages(dossier, "dossier_submitted")["email"]
    assert submitted.subject == f"Đã nhận hồ sơ trực tuyến {dossier.code}"
    assert "nộp trực tuyến lúc\n09 giờ 00 phút, ngày 03/03/2025" in submitted.body
    assert not messages(dossier, "dossier_received")

    dossier = lifecycle.accept(dossier, actor=staff["receiver"], at=MONDAY + timedelta(hours=1))
    received = messages(dossier, "dossier_received")["email"]
    assert "tiếp nhận lúc 10 giờ 00 phút, ngày 03/03/2025" in received.body
    assert f"Hẹn trả kết quả: {vntime_words(dossier.appointment_at)}." in received.body


def test_a_supplement_request_lists_every_item_once(receive, staff):
    dossier = receive()
    lifecycle.request_supplement(
        dossier,
        actor=staff["receiver"],
        items=["Bản sao giấy khai sinh", "Ảnh 4x6"],
        note="Nộp bản sao có chứng thực.",
        at=MONDAY + timedelta(hours=2),
    )
    sent = messages(dossier, "supplement_requested")
    assert "  1. Bản sao giấy khai sinh\n  2. Ảnh 4x6" in sent["email"].body
    assert "Hướng dẫn: Nộp bản sao có chứng thực." in sent["email"].body
    assert "cần bổ sung: Bản sao giấy khai sinh; Ảnh 4x6." in sent["sms"].body


def test_a_ready_result_invites_the_applicant_to_the_desk(receive, staff):
    dossier = walk_to(receive(), staff, "result_ready", MONDAY + timedelta(hours=3))
    sent = messages(dossier, "result_ready")
    assert sent["email"].subject == f"Hồ sơ {dossier.code} đã có kết quả"
    assert "Mời ông/bà nhận kết quả tại Bộ phận Một cửa của UBND xã Tân Lập" in sent["email"].body
    assert sent["sms"].body == f"Hồ sơ {dossier.code} đã có kết quả. Mời nhận tại UBND xã Tân Lập."
    # Forwarding and approving inside the office send the applicant nothing.
    assert set(Message.objects.values_list("template", flat=True)) == {
        "dossier_received",
        "result_ready",
    }


def test_an_apology_gives_the_reason_and_the_new_appointment(receive, staff):
    dossier = receive()
    old = dossier.appointment_at
    new = old + timedelta(days=4)  # Monday: a new appointment falls in working hours
    lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Cần xác minh thêm tại UBND xã nơi cư trú trước đây.",
        new_appointment=new,
        at=MONDAY + timedelta(hours=4),
    )
    email = messages(dossier, "late_apology")["email"]
    assert f"chưa\ngiải quyết xong đúng hẹn {vntime_words(old)}." in email.body
    assert "Lý do: Cần xác minh thêm tại UBND xã nơi cư trú trước đây." in email.body
    assert f"Hẹn lại trả kết quả: {vntime_words(new)}." in email.body


def test_an_applicant_without_email_or_phone_gets_nothing(receive, applicant):
    applicant.email = applicant.phone = ""
    receive(applicant=applicant)
    assert not Message.objects.exists()


def test_a_rolled_back_action_leaves_no_message(receive, staff):
    dossier = receive()
    before = Message.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.request_supplement(
            dossier, actor=staff["receiver"], items=["Ảnh 4x6"], at=MONDAY + timedelta(hours=1)
        )
        assert Message.objects.count() == before + 2  # written in the same transaction...
        raise RuntimeError("the request fails after the event was recorded")
    assert Message.objects.count() == before  # ...and gone with it
    dossier.refresh_from_db()
    assert dossier.status == "received"


def test_back_dated_history_tells_nobody(receive, staff):
    dossier = receive(at=MONDAY - timedelta(days=400))  # e.g. the demo year being generated
    lifecycle.request_supplement(
        dossier, actor=staff["receiver"], items=["Ảnh 4x6"], at=MONDAY - timedelta(days=399)
    )
    assert not Message.objects.exists()
