"""Registration never touches an existing account: a deactivated citizen or staff member
cannot come back through the portal with a new password."""

import re

from django.contrib.auth import get_user_model

from motcua.notify.models import Message
from motcua.org.models import Role

User = get_user_model()


def register(client, contact):
    data = {
        "full_name": "Kẻ Mạo Danh",
        "contact": contact,
        "password1": "mat-khau-moi-rat-dai",
        "password2": "mat-khau-moi-rat-dai",
    }
    return client.post("/account/register/", data)


def test_a_deactivated_approver_does_not_come_back_through_registration(client, tree, make_user):
    approver = make_user(
        "lanhdao@example.vn", (Role.APPROVER, tree["district"]), first_name="Lãnh Đạo"
    )
    approver.is_active = False
    approver.save()

    response = register(client, "lanhdao@example.vn")

    assert response.status_code == 200
    assert "Đã có tài khoản với thông tin này" in response.content.decode()
    approver.refresh_from_db()
    assert not approver.is_active
    assert approver.first_name == "Lãnh Đạo"
    assert approver.check_password("secret-pass-1")
    assert not Message.objects.exists()
    # Nothing waits for a code, so no code can re-activate it.
    assert client.post("/account/verify/", {"code": "000000"}).status_code == 302
    approver.refresh_from_db()
    assert not approver.is_active


def test_a_deactivated_verified_citizen_stays_deactivated(client, db):
    register(client, "binh@example.vn")
    body = Message.objects.get().body
    client.post("/account/verify/", {"code": re.search(r"\b(\d{6})\b", body).group(1)})
    client.logout()
    User.objects.filter(username="binh@example.vn").update(is_active=False)

    response = register(client, "binh@example.vn")

    assert "Đã có tài khoản với thông tin này" in response.content.decode()
    assert Message.objects.count() == 1
    assert not User.objects.get(username="binh@example.vn").is_active


def test_a_deactivated_staff_account_never_seen_by_the_portal_stays_out(client, db):
    User.objects.create_user("canbo@example.vn", password="x-old-pass-1", is_active=False)

    register(client, "canbo@example.vn")

    user = User.objects.get(username="canbo@example.vn")
    assert user.check_password("x-old-pass-1") and not user.is_active
    assert not Message.objects.exists()


def test_an_unverified_registration_can_be_started_again(client, db):
    contact = "an@example.vn"
    register(client, contact)
    client.cookies.clear()
    response = register(client, contact)
    assert response.status_code == 302
    assert Message.objects.filter(to=contact).count() == 2
    code = re.search(r"\b(\d{6})\b", Message.objects.filter(to=contact).latest("pk").body).group(1)
    client.post("/account/verify/", {"code": code})
    assert User.objects.get(username=contact).is_active
