import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.notify.models import Message
from motcua.portal.models import OneTimeCode

User = get_user_model()


def register(client, contact="binh@example.vn", **extra):
    data = {
        "full_name": "Trần  Văn Bình",
        "contact": contact,
        "password1": "mat-khau-rat-dai-1",
        "password2": "mat-khau-rat-dai-1",
    } | extra
    return client.post("/account/register/", data)


def last_code(to: str) -> str:
    message = Message.objects.filter(to=to).order_by("-pk").first()
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_registering_sends_a_code_and_the_account_waits_for_it(client):
    response = register(client)
    assert response.status_code == 302
    assert response["Location"] == "/account/verify/"
    user = User.objects.get(username="binh@example.vn")
    assert not user.is_active
    assert user.first_name == "Trần Văn Bình"
    message = Message.objects.get(to="binh@example.vn")
    assert message.template == "otp"
    assert message.channel == "email"
    assert "Mã xác thực" in message.subject
    # An inactive account cannot log in yet.
    login = {"username": "binh@example.vn", "password": "mat-khau-rat-dai-1"}
    assert client.post("/login/", login).status_code == 200


def test_the_right_code_activates_logs_in_and_opens_the_profile(client):
    register(client)
    response = client.post("/account/verify/", {"code": last_code("binh@example.vn")})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    user = User.objects.get(username="binh@example.vn")
    assert user.is_active
    assert user.citizen_profile.verified_at is not None
    page = client.get("/account/").content.decode()
    assert "Thông tin cá nhân" in page and 'value="Trần Văn Bình"' in page


def test_a_phone_number_registers_in_one_spelling_and_gets_an_sms(client):
    register(client, contact="+84 912 345 678")
    user = User.objects.get()
    assert user.username == "0912345678"
    assert user.citizen_profile.phone == "0912345678"
    assert Message.objects.get().channel == "sms"
    client.post("/account/verify/", {"code": last_code("0912345678")})
    client.logout()
    assert (
        client.post(
            "/login/", {"username": "0912.345.678", "password": "mat-khau-rat-dai-1"}
        ).status_code
        == 302
    )


def test_a_wrong_code_says_how_many_tries_are_left(client):
    register(client)
    code = last_code("binh@example.vn")
    response = client.post("/account/verify/", {"code": wrong(code)})
    assert response.status_code == 200
    assert "Mã xác thực không đúng. Ông/bà còn 4 lần thử." in response.content.decode()
    assert not User.objects.get().is_active


def test_after_five_wrong_codes_even_the_right_one_is_refused(client):
    register(client)
    code = last_code("binh@example.vn")
    for _ in range(5):
        client.post("/account/verify/", {"code": wrong(code)})
    page = client.post("/account/verify/", {"code": code}).content.decode()
    assert "Đã nhập sai quá 5 lần" in page
    assert not User.objects.get().is_active
    # A new code works.
    client.post("/account/verify/resend/")
    client.post("/account/verify/", {"code": last_code("binh@example.vn")})
    assert User.objects.get().is_active


def test_an_expired_code_is_refused(client):
    register(client)
    code = last_code("binh@example.vn")
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    page = client.post("/account/verify/", {"code": code}).content.decode()
    assert "Mã xác thực đã hết hạn" in page
    assert not User.objects.get().is_active


def test_a_new_code_replaces_the_old_one(client):
    register(client)
    old_code, old_row = last_code("binh@example.vn"), OneTimeCode.objects.get()
    client.post("/account/verify/resend/")
    old_row.refresh_from_db()
    assert old_row.used_at is not None
    if last_code("binh@example.vn") != old_code:  # one chance in a million that they match
        page = client.post("/account/verify/", {"code": old_code}).content.decode()
        assert "Mã xác thực không đúng" in page


def test_only_a_hash_of_the_code_is_stored(client):
    register(client)
    code = last_code("binh@example.vn")
    assert code not in OneTimeCode.objects.get().code_hash


def test_codes_sent_to_one_contact_are_limited_per_hour(client):
    register(client)
    for _ in range(4):
        client.post("/account/verify/resend/")
    response = client.post("/account/verify/resend/")
    assert response.status_code == 429
    assert "quá nhiều mã" in response.content.decode()
    assert Message.objects.filter(to="binh@example.vn").count() == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"contact": "binh@"}, "Nhập thư điện tử (ví dụ binh@example.vn) hoặc số điện thoại"),
        ({"password2": "khac"}, "Hai lần nhập mật khẩu không giống nhau."),
        ({"password1": "123", "password2": "123"}, "Mật khẩu phải có ít nhất 8 ký tự."),
        ({"full_name": ""}, "Nhập họ và tên."),
    ],
)
def test_bad_registrations_say_what_to_fix_and_keep_what_was_typed(client, data, message):
    response = register(client, **data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'class="error-summary"' in page
    assert not User.objects.exists()
    if "contact" not in data:
        assert 'value="binh@example.vn"' in page


def test_an_existing_account_cannot_be_registered_again(client, citizen):
    page = register(client, contact="BINH@example.vn").content.decode()
    assert "Đã có tài khoản với thông tin này" in page


def test_password_reset_by_code(client, citizen):
    response = client.post("/account/password/", {"contact": "binh@example.vn"})
    assert response["Location"] == "/account/password/confirm/"
    message = Message.objects.get(to="binh@example.vn")
    assert message.template == "password_reset"
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    data = {"code": code, "password1": "mat-khau-moi-2025", "password2": "mat-khau-moi-2025"}
    bad = client.post("/account/password/confirm/", data | {"code": wrong(code)})
    assert "Mã xác thực không đúng" in bad.content.decode()
    assert client.post("/account/password/confirm/", data)["Location"] == "/login/"
    login = {"username": "binh@example.vn", "password": "mat-khau-moi-2025"}
    assert client.post("/login/", login).status_code == 302


def test_password_reset_does_not_tell_whether_an_account_exists(client, citizen):
    known = client.post("/account/password/", {"contact": "binh@example.vn"}, follow=True)
    client.logout()
    unknown = client.post("/account/password/", {"contact": "ai@example.vn"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    notice = "Nếu thông tin này đã đăng ký tài khoản"
    assert notice in known.content.decode() and notice in unknown.content.decode()
    assert not Message.objects.filter(to="ai@example.vn").exists()


def test_the_profile_is_saved_and_checked(client, citizen):
    client.force_login(citizen)
    bad = client.post("/account/", {"full_name": "Trần Văn Bình", "id_number": "123"})
    assert "Số định danh cá nhân (CCCD) gồm 12 chữ số." in bad.content.decode()
    client.post(
        "/account/",
        {
            "full_name": "Trần Văn Bình",
            "id_number": "072095001234",
            "birth_date": "12/08/1995",
            "phone": "0912 345 678",
            "email": "binh@example.vn",
            "address": "Ấp Thạnh Hiệp",
        },
    )
    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.birth_date.isoformat() == "1995-08-12"
    assert citizen.citizen_profile.phone == "0912345678"
