"""Logins: lockout after repeated failures (by account and by client), the second factor
for approvers, signers and administrators, the staff password policy, the idle timeout."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from support import staff_device, totp_code

from motcua.org.models import Role
from motcua.security.middleware import LAST_SEEN

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


@pytest.fixture
def receiver(tree, make_user):
    return make_user("tiepnhan.tanlap", (Role.RECEIVER, tree["commune_a"]))


@pytest.fixture
def citizen(db, make_user):
    return make_user("binh@example.vn")


@pytest.fixture
def approver(tree, make_user):
    return make_user("lanhdao.tanlap", (Role.APPROVER, tree["commune_a"]))


def test_ten_wrong_passwords_lock_the_account_even_against_the_right_one(client, receiver):
    for n in range(10):
        response = log_in(client, receiver.username, "sai-mat-khau", REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code in (200, 429)
    response = log_in(client, receiver.username, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_client_lock_that_client_for_every_account(client, db, make_user):
    for n in range(10):
        log_in(client, f"khong-co-{n}@example.vn", "sai", REMOTE_ADDR="10.9.9.9")
    other = make_user("binh@example.vn")
    assert log_in(client, other.username, REMOTE_ADDR="10.9.9.9").status_code == 429
    assert log_in(client, other.username, REMOTE_ADDR="10.9.9.8").status_code == 302


def test_the_admin_login_is_locked_too(client, db, make_user):
    make_user("root", is_superuser=True, is_staff=True)
    for _ in range(10):
        client.post("/admin/login/", {"username": "root", "password": "sai"})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429


def test_an_administrator_unlocks_an_account(client, receiver):
    from django.core.management import call_command

    for _ in range(10):
        log_in(client, receiver.username, "sai", REMOTE_ADDR="10.0.0.1")
    assert log_in(client, receiver.username, REMOTE_ADDR="10.0.0.2").status_code == 429
    call_command("axes_reset_username", receiver.username)
    assert log_in(client, receiver.username, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_spellings_of_one_phone_number_count_against_one_account(client, db, make_user):
    user = make_user("0912345678")
    for n, spelling in enumerate(["0912.345.678", "+84 912 345 678"] * 5):
        log_in(client, spelling, "sai", REMOTE_ADDR=f"10.0.0.{n}")
    assert log_in(client, user.username, REMOTE_ADDR="10.0.2.2").status_code == 429


def test_an_approver_must_enrol_a_second_factor_before_any_office_page(client, approver):
    assert log_in(client, approver.username).status_code == 302
    response = client.get("/office/")
    assert response.status_code == 302
    assert response["Location"] == "/account/second-factor/?next=%2Foffice%2F"
    page = client.get("/account/second-factor/setup/?next=/office/").content.decode()
    assert "Cài đặt xác thực hai lớp" in page and "<svg" in page
    device = TOTPDevice.objects.get(user=approver, confirmed=False)
    wrong = client.post("/account/second-factor/setup/", {"code": "000000", "next": "/office/"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    time.sleep(1.1)  # a wrong code makes the device wait a second before the next try
    done = client.post(
        "/account/second-factor/setup/", {"code": totp_code(device), "next": "/office/"}
    )
    codes = StaticToken.objects.filter(device__user=approver).values_list("token", flat=True)
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get("/office/").status_code == 200


def test_a_second_login_asks_for_the_code_and_accepts_a_recovery_code_once(client, approver):
    from motcua.security.second_factor import new_recovery_codes

    staff_device(approver)
    recovery = new_recovery_codes(approver)[0]
    log_in(client, approver.username)
    assert client.get("/office/")["Location"].startswith("/account/second-factor/")
    # An account that has a device cannot enrol another one without passing it.
    assert client.get("/account/second-factor/setup/").status_code == 302
    response = client.post("/account/second-factor/", {"code": recovery, "next": "/office/"})
    assert response["Location"] == "/office/"
    assert client.get("/office/").status_code == 200
    client.logout()
    log_in(client, approver.username)
    again = client.post("/account/second-factor/", {"code": recovery, "next": "/office/"})
    assert again.status_code == 200 and "Mã xác thực không đúng" in again.content.decode()


def test_the_admin_needs_the_second_factor(client, db, make_user):
    make_user("root", is_superuser=True, is_staff=True)
    client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/account/second-factor/")


def test_a_receiver_and_a_citizen_need_no_second_factor(client, receiver, citizen):
    log_in(client, receiver.username)
    assert client.get("/office/").status_code == 200
    client.logout()
    log_in(client, citizen.username)
    assert client.get("/account/dossiers/").status_code == 200


def test_staff_passwords_are_long_unlike_the_username_and_not_common(receiver, citizen):
    with pytest.raises(ValidationError, match="ít nhất 12 ký tự"):
        validate_password("Ngan-qua-1", receiver)
    with pytest.raises(ValidationError):
        validate_password("tiepnhan.tanlap", receiver)
    with pytest.raises(ValidationError):
        validate_password("password1234", receiver)
    validate_password("Cau-chuyen-dai-ve-Tan-Bien", receiver)
    validate_password("Ngan-qua-1", citizen)


def test_a_staff_session_ends_after_thirty_idle_minutes(client, receiver, settings):
    assert settings.MOTCUA_STAFF_IDLE_MINUTES == 30
    log_in(client, receiver.username)
    assert client.get("/office/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/office/")
    assert response["Location"] == "/login/?next=%2Foffice%2F"
    assert "_auth_user_id" not in client.session


def test_a_staff_page_saves_the_session_at_most_once_a_minute(client, receiver):
    log_in(client, receiver.username)
    client.get("/office/")
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 30
    session.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/office/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert client.session[LAST_SEEN] == session[LAST_SEEN]

    session[LAST_SEEN] = int(time.time()) - 61
    session.save()
    client.get("/office/")
    assert client.session[LAST_SEEN] >= int(time.time()) - 1


def test_a_citizen_session_has_no_staff_idle_timeout_but_ends_within_twelve_hours(
    client, citizen, settings
):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    log_in(client, citizen.username)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/account/dossiers/").status_code == 200
