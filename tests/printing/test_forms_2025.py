"""The seven forms of Circular 03/2025/TT-VPCP, printed for dossiers of the 2025 rule set
and read back with poppler, every field."""

from datetime import date

import pytest
from support import vn

from motcua.dossiers import lifecycle
from motcua.printing.services import dossier_form_pdf, tracking_book_pdf
from motcua.printing.tracking_book import book_lines

A4 = "595.276 x 841.89"
A5 = "419.528 x 595.276"
MONDAY_2026 = vn(2026, 3, 2, 9)


@pytest.fixture
def received_2026(receive):
    """Received Monday 02/03/2026 09:00 under the 2025 set; 3 working days end Thursday
    05/03/2026 at 17:00."""
    return receive(at=MONDAY_2026, fee_amount=75_000)


def test_form_01_receipt(received_2026, read_pdf):
    printed = read_pdf(dossier_form_pdf(received_2026, "01"))

    assert printed.page_size == A5
    assert not printed.missing(
        "UBND XÃ TÂN LẬP",
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Tân Lập, ngày 02 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ",
        f"Mã hồ sơ: {received_2026.code}",
        "Ông/Bà/Tổ chức: Trần Văn Bình",
        "072095001234",
        "binh@example.vn",
        "Địa chỉ: Ấp Thạnh Hiệp, xã Tân Lập",
        "Đăng ký kết hôn",
        "Tờ khai",
        "Số lượng hồ sơ: 1 bộ",
        "3 ngày làm việc",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05 tháng 3 năm 2026",
        "Phí, lệ phí: 75.000 đ",
        "Quyển số: 2026, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN",
    )


def test_form_02_supplement_request_states_its_reasons(received_2026, staff, read_pdf):
    dossier = lifecycle.request_supplement(
        received_2026,
        actor=staff["receiver"],
        items=["Bản sao giấy xác nhận tình trạng hôn nhân"],
        at=vn(2026, 3, 2, 10),
    )

    printed = read_pdf(dossier_form_pdf(dossier, "02"))

    assert not printed.missing(
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        dossier.code,
        "Bản sao giấy xác nhận tình trạng hôn nhân",
        "Lý do: hồ sơ chưa đầy đủ",
        "NGƯỜI HƯỚNG DẪN",
    )


def test_form_03_refusal_to_receive(tree, staff, procedure, applicant, read_pdf):
    dossier = lifecycle.refuse_at_reception(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        reason="Không thuộc thẩm quyền giải quyết.",
        at=MONDAY_2026,
    )

    printed = read_pdf(dossier_form_pdf(dossier, "03"))

    assert not printed.missing(
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "PHIẾU TỪ CHỐI TIẾP NHẬN",
        "Không thuộc thẩm quyền giải quyết.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    )


def test_form_04_apology_and_extension_signed_by_the_head(received_2026, staff, read_pdf):
    dossier = lifecycle.forward(received_2026, actor=staff["receiver"], at=vn(2026, 3, 2, 10))
    dossier = lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Cần xác minh tại nơi cư trú.",
        new_appointment=vn(2026, 3, 10, 14, 30),
        at=vn(2026, 3, 3, 16),
    )

    printed = read_pdf(dossier_form_pdf(dossier, "04"))

    assert printed.page_size == A4
    assert not printed.missing(
        "Số: ......./XL-GH",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN",
        "THỜI GIAN GIẢI QUYẾT HỒ SƠ",
        "Kính gửi: Trần Văn Bình",
        "09 giờ 00 phút, ngày 02 tháng 3 năm 2026",
        "17 giờ 00 phút, ngày 05 tháng 3 năm 2026",
        "Lý do: Cần xác minh tại nơi cư trú.",
        "14 giờ 30 phút, ngày 10 tháng 3 năm 2026",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Nơi nhận:",
    )


def test_form_05_notice_of_stopping_handling(received_2026, staff, read_pdf):
    dossier = lifecycle.forward(received_2026, actor=staff["receiver"], at=vn(2026, 3, 2, 10))
    dossier = lifecycle.refuse(
        dossier, actor=staff["handler"], reason="Giấy tờ giả mạo.", at=vn(2026, 3, 3, 9)
    )

    printed = read_pdf(dossier_form_pdf(dossier, "05"))

    assert printed.page_size == A4
    assert not printed.missing(
        "THÔNG BÁO",
        "DỪNG GIẢI QUYẾT HỒ SƠ",
        dossier.code,
        "Giấy tờ giả mạo.",
        "09 giờ 00 phút, ngày 03 tháng 3 năm 2026",
        "THỦ TRƯỞNG CƠ QUAN",
    )


def test_form_06_control_slip(received_2026, staff, read_pdf):
    dossier = lifecycle.forward(received_2026, actor=staff["receiver"], at=vn(2026, 3, 2, 10))

    printed = read_pdf(dossier_form_pdf(dossier, "06"))

    assert not printed.missing(
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH",
        dossier.code,
        "Cơ quan phối hợp giải quyết hồ sơ: không có",
        "Tiếp nhận hồ sơ",
        "Chuyển xử lý",
        "Người giao",
        "Người nhận",
    )


def test_form_07_tracking_book_numbers_lines_per_book(tree, receive, read_pdf):
    first = receive(at=MONDAY_2026)
    second = receive(at=vn(2026, 3, 3, 9))

    printed = read_pdf(tracking_book_pdf(tree["commune_a"], date(2026, 3, 3), date(2026, 3, 3)))

    assert not printed.missing("SỔ THEO DÕI HỒ SƠ", second.code)
    assert first.code not in printed.words
    # The line keeps its running number in the desk's book of the year (2, not 1; the
    # daily sequence of its code is 0001), and the receipt prints the same number.
    (line,) = book_lines(tree["commune_a"], date(2026, 3, 3), date(2026, 3, 3))
    assert (line.volume, line.number) == (2026, 2) and second.code.endswith("-0001")
    receipt = read_pdf(dossier_form_pdf(second, "01"))
    assert not receipt.missing("Quyển số: 2026, Số thứ tự: 2")
