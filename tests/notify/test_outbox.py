import pytest
from django.core.exceptions import ValidationError

from motcua.notify.models import Channel, Message, MessageTemplate, Status
from motcua.notify.outbox import UnknownTemplate, enqueue
from motcua.notify.shipped import restore, seed_templates, shipped

CODES = {
    "otp",
    "password_reset",
    "dossier_submitted",
    "dossier_received",
    "supplement_requested",
    "result_ready",
    "late_apology",
    "eoffice_document",
}


def test_every_message_code_is_shipped_for_email_and_sms(db):
    assert set(shipped()) == {(code, channel) for code in CODES for channel in Channel.values}
    assert MessageTemplate.objects.count() == len(shipped())  # seeded by the data migration
    assert seed_templates() == 0  # seeding again adds nothing


def test_the_shipped_texts_stand_in_for_missing_rows(db):
    MessageTemplate.objects.all().delete()
    email, sms = enqueue(
        template="otp", context={"code": "5"}, to_email="a@example.vn", to_phone="0912345678"
    )
    assert email.subject == "Mã xác thực tài khoản dịch vụ công: 5"
    assert sms.body.startswith("5 là mã xác thực")
    assert not MessageTemplate.objects.exists()  # nothing written behind the caller's back


def test_enqueue_writes_one_pending_message_per_channel_with_the_rendered_text(db):
    email, sms = enqueue(
        template="otp",
        context={"code": "482913", "minutes": 10},
        to_email="binh@example.vn",
        to_phone="0912345678",
    )
    assert (email.channel, email.to, email.status) == ("email", "binh@example.vn", "pending")
    assert email.subject == "Mã xác thực tài khoản dịch vụ công: 482913"
    assert "Mã xác thực của ông/bà là: 482913" in email.body
    assert "hiệu lực trong 10 phút" in email.body
    assert (sms.channel, sms.to) == ("sms", "0912345678")
    assert sms.body.startswith("482913 là mã xác thực dịch vụ công")
    assert sms.subject == ""
    assert Message.objects.filter(status=Status.PENDING).count() == 2


def test_only_the_channels_with_a_recipient_get_a_message(db):
    [only] = enqueue(template="otp", context={"code": "1", "minutes": 5}, to_phone="0912345678")
    assert only.channel == "sms"
    assert enqueue(template="otp", context={"code": "1", "minutes": 5}) == []


def test_texts_are_plain_not_html_escaped(db):
    [email] = enqueue(
        template="otp", context={"code": "<A&B>", "minutes": 5}, to_email="a@example.vn"
    )
    assert "<A&B>" in email.body


def test_an_administrators_edit_is_what_the_next_message_says(db):
    template = MessageTemplate.objects.get(code="otp", channel="sms")
    template.body = "Ma {{ code }} - UBND xa Tan Lap"
    template.save()
    [sms] = enqueue(template="otp", context={"code": "77"}, to_phone="0912345678")
    assert sms.body == "Ma 77 - UBND xa Tan Lap"

    assert restore(template)
    template.refresh_from_db()
    assert template.body == shipped()[("otp", "sms")]["body"]


def test_a_channel_switched_off_by_the_administrator_is_skipped(db):
    MessageTemplate.objects.filter(code="otp", channel="sms").update(active=False)
    messages = enqueue(
        template="otp", context={"code": "1"}, to_email="a@example.vn", to_phone="0912345678"
    )
    assert [m.channel for m in messages] == ["email"]


def test_an_unknown_template_code_is_a_programming_error(db):
    with pytest.raises(UnknownTemplate):
        enqueue(template="no_such_message", context={}, to_email="a@example.vn")


def test_a_template_with_a_syntax_error_cannot_be_saved_from_the_admin(db):
    template = MessageTemplate.objects.get(code="otp", channel="email")
    template.body = "Mã {% if code %}{{ code }}"
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "lỗi cú pháp" in str(error.value)


def test_an_administrator_edits_a_text_in_the_admin(admin_client):
    template = MessageTemplate.objects.get(code="dossier_received", channel="sms")
    url = f"/admin/notify/messagetemplate/{template.pk}/change/"
    assert "Hẹn trả kết quả" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {"name": template.name, "subject": "", "body": "Hồ sơ {% if dossier %}", "active": "on"},
    )
    assert "lỗi cú pháp" in response.content.decode()  # refused, nothing saved
    admin_client.post(
        url,
        {"name": template.name, "subject": "", "body": "Hồ sơ {{ dossier.code }}.", "active": "on"},
    )
    template.refresh_from_db()
    assert template.body == "Hồ sơ {{ dossier.code }}."
