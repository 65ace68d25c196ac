import pytest
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.org.models import Role
from motcua.portal.models import FailedAttempt
from motcua.portal.tracking import NOT_FOUND, TOO_MANY


@pytest.fixture
def dossier(submit):
    return submit()


def look_up(client, code, secret, **extra):
    return client.post("/track/", {"code": code, "secret": secret}, **extra)


def test_the_code_and_the_phone_open_the_dossier_without_logging_in(client, dossier):
    response = look_up(client, dossier.code.lower(), "0912 345 678")
    assert response["Location"] == f"/track/{dossier.code}/"
    page = client.get(response["Location"]).content.decode()
    assert "Đăng ký thành lập hộ kinh doanh" in page
    assert "Chờ tiếp nhận (nộp trực tuyến)" in page
    assert "Nộp hồ sơ trực tuyến" in page  # the public timeline


def test_the_id_number_opens_it_too(client, dossier):
    assert look_up(client, dossier.code, "072095001234").status_code == 302


def test_a_wrong_phone_tells_nothing_more_than_an_unknown_code(client, dossier):
    wrong_phone = look_up(client, dossier.code, "0900000000")
    unknown = look_up(client, "000.21.21.H56-250303-9999", "0912345678")
    assert wrong_phone.status_code == unknown.status_code == 404
    for response in (wrong_phone, unknown):
        page = response.content.decode()
        assert NOT_FOUND in page
        for secret in ["Trần Văn Bình", "hộ kinh doanh", "Chờ tiếp nhận", "UBND xã Tân Lập"]:
            assert secret not in page


def test_the_receipt_qr_page_asks_for_the_phone_before_showing_anything(client, dossier):
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "Số điện thoại hoặc số định danh cá nhân" in page
    assert "Trần Văn Bình" not in page
    response = client.post(
        f"/track/{dossier.code}/", {"code": dossier.code, "secret": "0912345678"}
    )
    assert response["Location"] == f"/track/{dossier.code}/"
    assert "Trần Văn Bình" in client.get(f"/track/{dossier.code}/").content.decode()


def test_the_applicant_logged_in_sees_it_at_once(client, citizen, dossier):
    client.force_login(citizen)
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "Trần Văn Bình" in page and "to-khai.pdf" in page


def test_another_citizen_logged_in_is_asked_like_anyone(client, other_citizen, dossier):
    client.force_login(other_citizen)
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "to-khai.pdf" not in page and "Trần Văn Bình" not in page


def test_five_failures_on_a_code_block_that_code_from_that_address_only(client, dossier):
    for i in range(5):
        assert look_up(client, dossier.code, f"09000000{i:02d}").status_code == 404
    blocked = look_up(client, dossier.code, "0912345678")
    assert blocked.status_code == 429
    assert TOO_MANY in blocked.content.decode()
    # The real applicant, elsewhere, still gets in; the counts are rows in the database.
    assert look_up(client, dossier.code, "0912345678", REMOTE_ADDR="10.0.0.2").status_code == 302
    assert FailedAttempt.objects.filter(key="track-ip:127.0.0.1").count() == 5


def test_guesses_on_one_code_from_many_addresses_never_lock_the_applicant_out(client, dossier):
    for i in range(40):
        look_up(client, dossier.code, f"09000000{i:02d}", REMOTE_ADDR=f"10.0.1.{i}")
    response = look_up(client, dossier.code, "0912345678", REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 302


def test_twenty_failures_from_one_address_over_many_codes_block_that_address(client, dossier):
    for i in range(20):
        assert look_up(client, f"X-{i}", "0900000000").status_code == 404
    assert look_up(client, dossier.code, "0912345678").status_code == 429
    assert look_up(client, dossier.code, "0912345678", REMOTE_ADDR="10.0.0.2").status_code == 302


def test_old_failures_no_longer_count(client, dossier):
    for _ in range(5):
        look_up(client, dossier.code, "0900000000")
    FailedAttempt.objects.update(at=MONDAY)
    assert look_up(client, dossier.code, "0912345678").status_code == 302


def test_behind_a_proxy_the_forwarded_address_counts(client, dossier, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 1
    for _ in range(5):
        look_up(client, dossier.code, "0900000000", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        look_up(client, dossier.code, "0912345678", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code
        == 302
    )
    blocked = look_up(client, dossier.code, "0912345678", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429


def test_the_public_timeline_has_no_internal_notes(client, dossier, walk, staff):
    dossier = lifecycle.accept(dossier, actor=staff[Role.RECEIVER], at=MONDAY)
    dossier = lifecycle.assign(
        dossier, actor=staff[Role.RECEIVER], assignee=staff[Role.RECEIVER], at=MONDAY
    )
    dossier = lifecycle.forward(
        dossier, actor=staff[Role.RECEIVER], note="Ghi chú nội bộ: kiểm tra kỹ", at=MONDAY
    )
    lifecycle.request_supplement(
        dossier,
        actor=staff[Role.HANDLER],
        items=["Bản sao hợp đồng thuê nhà"],
        note="Nộp bản sao có chứng thực",
        at=MONDAY,
    )
    look_up(client, dossier.code, "0912345678")
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "Ghi chú nội bộ" not in page
    assert "Phân công" not in page and "Cán bộ receiver" not in page
    for text in [
        "Tiếp nhận hồ sơ",
        "Chuyển xử lý",
        "Cần bổ sung hồ sơ",
        "Bản sao hợp đồng thuê nhà",
        "Nộp bản sao có chứng thực",
        "Hẹn trả kết quả",
    ]:
        assert text in page, text
