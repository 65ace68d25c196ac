"""Forms 01-05 printed for dossiers made through the lifecycle, read back with poppler."""

import pytest
from support import vn

from motcua.dossiers import lifecycle
from motcua.printing.control_slip import hand_offs
from motcua.printing.errors import FormNotApplicable
from motcua.printing.services import dossier_form_html, dossier_form_pdf
from motcua.rules.models import RuleSet

A5 = "419.528 x 595.276"
HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def test_the_receipt_gives_the_code_the_applicant_and_the_appointment(received, read_pdf):
    printed = read_pdf(dossier_form_pdf(received, "01"))

    assert (printed.page_size, printed.pages) == (A5, 1)
    assert all(line in printed.text for line in HEADING)
    assert not printed.missing(
        "UBND XÃ TÂN LẬP",
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "TRẢ KẾT QUẢ",
        "Tân Lập, ngày 03 tháng 3 năm 2025",
        "GIẤY TIẾP NHẬN HỒ SƠ",
        "Mã hồ sơ: 000.21.21.H56-250303-0001",
        "Ông/Bà/Tổ chức: Trần Văn Bình",
        "072095001234",
        "Số điện thoại: 0912345678",
        "binh@example.vn",
        "Địa chỉ: Ấp Thạnh Hiệp, xã Tân Lập",
        "Đăng ký kết hôn",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 03 tháng 3 năm 2025",
        "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 06 tháng 3 năm",
        "3 ngày làm việc",
        "Tại Bộ phận Một cửa, UBND xã Tân Lập",
        "Phí, lệ phí: 75.000 đ",
        "Quyển số: 2025, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN",
        "Cán bộ receiver",
    )


def test_the_receipt_lists_only_the_documents_handed_in(tree, staff, procedure, applicant):
    dossier = lifecycle.receive(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=vn(2025, 3, 3, 9),
    )

    html = dossier_form_html(dossier, "01")

    assert "Tờ khai" in html and "Bản chính" in html
    assert "Giấy tờ tùy thân" not in html


def test_the_receipt_has_a_qr_code_of_the_public_tracking_page(received, settings):
    settings.SITE_URL = "https://dichvucong.tayninh.gov.vn"

    html = dossier_form_html(received, "01")

    assert '<svg viewBox="0 0' in html and 'class="qrline"' in html
    assert "https://dichvucong.tayninh.gov.vn/track/000.21.21.H56-250303-0001/" in html


def test_the_supplement_request_lists_every_item_once(received, staff, read_pdf):
    dossier = lifecycle.request_supplement(
        received,
        actor=staff["receiver"],
        items=["Bản sao Giấy khai sinh của hai bên", "Tờ khai có chữ ký của cả hai người"],
        note="Tờ khai nộp thiếu chữ ký của bên nữ.",
        at=vn(2025, 3, 3, 10),
    )

    printed = read_pdf(dossier_form_pdf(dossier, "02"))

    assert printed.page_size == A5
    assert not printed.missing(
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của: Trần Văn Bình",
        "1 Bản sao Giấy khai sinh của hai bên",
        "2 Tờ khai có chữ ký của cả hai người",
        "Tờ khai nộp thiếu chữ ký của bên nữ.",
        "NGƯỜI HƯỚNG DẪN",
        "Cán bộ receiver",
    )


def test_the_supplement_form_prints_the_latest_request(received, staff):
    # A rule set that allows two requests (the shipped ones allow one).
    rule_set = RuleSet.objects.get(code="2018")
    rule_set.supplement_requests = 2
    rule_set.save()
    first = lifecycle.request_supplement(
        received, actor=staff["receiver"], items=["Giấy tờ cũ"], at=vn(2025, 3, 3, 10)
    )
    back = lifecycle.receive_supplement(first, actor=staff["receiver"], at=vn(2025, 3, 3, 14))
    latest = lifecycle.request_supplement(
        back, actor=staff["receiver"], items=["Giấy tờ mới"], at=vn(2025, 3, 4, 9)
    )

    html = dossier_form_html(latest, "02")

    assert "Giấy tờ mới" in html and "Giấy tờ cũ" not in html


def test_a_refusal_at_the_desk_gives_the_reason(refused_at_desk, read_pdf):
    printed = read_pdf(dossier_form_pdf(refused_at_desk, "03"))

    assert printed.page_size == A5
    assert not printed.missing(
        *HEADING,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        refused_at_desk.code,
        "Ông/Bà/Tổ chức: Trần Văn Bình",
        "Hai bên chưa đủ tuổi kết hôn theo quy định.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    )


def test_a_refusal_after_review_prints_its_own_notice_not_the_refusal_to_receive(
    received, staff, read_pdf
):
    dossier = lifecycle.forward(received, actor=staff["receiver"], at=vn(2025, 3, 3, 10))
    dossier = lifecycle.refuse(
        dossier, actor=staff["handler"], reason="Giấy tờ giả mạo.", at=vn(2025, 3, 4, 9)
    )

    with pytest.raises(FormNotApplicable, match="Thông báo dừng giải quyết"):
        dossier_form_html(dossier, "03")
    printed = read_pdf(dossier_form_pdf(dossier, "TB"))
    assert not printed.missing(
        "THÔNG BÁO",
        "DỪNG GIẢI QUYẾT HỒ SƠ",
        "Kính gửi: Trần Văn Bình",
        dossier.code,
        "Giấy tờ giả mạo.",
        "09 giờ 00 phút, ngày 04 tháng 3 năm 2025",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên và đóng dấu)",
    )


def test_the_apology_gives_the_reason_and_both_appointments(received, staff, read_pdf):
    dossier = lifecycle.forward(received, actor=staff["receiver"], at=vn(2025, 3, 3, 10))
    dossier = lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Cần xác minh thêm tại nơi cư trú của bên nam.",
        new_appointment=vn(2025, 3, 10, 14, 30),
        at=vn(2025, 3, 5, 8),
    )

    printed = read_pdf(dossier_form_pdf(dossier, "04"))

    assert printed.page_size == A5
    assert not printed.missing(
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Trần Văn Bình",
        "hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 06 tháng 3 năm 2025",
        "vào 14 giờ 30 phút, ngày 10 tháng 3 năm 2025",
        "Lý do: Cần xác minh thêm tại nơi cư trú của bên nam.",
        "UBND xã Tân Lập xin lỗi Ông/Bà/Tổ chức",
        "Số: ......./XL",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên và đóng dấu)",
    )
    assert "Cán bộ handler" not in printed.text


def test_the_control_slip_has_a_row_per_hand_off(returned):
    rows = hand_offs(returned)

    assert [(r.action, r.from_person, r.to_person, r.result) for r in rows] == [
        ("Tiếp nhận hồ sơ", "Trần Văn Bình", "Cán bộ receiver", ""),
        ("Chuyển xử lý", "Cán bộ receiver", "Cán bộ handler", "Đúng hạn"),
        ("Chuyển xử lý", "Cán bộ handler", "Cán bộ approver", "Trước hạn"),
        ("Phê duyệt", "Cán bộ approver", "Cán bộ handler", "Trễ hạn"),
        ("Chuyển kết quả", "Cán bộ handler", "Cán bộ returner", "Đúng hạn"),
        ("Trả kết quả", "Cán bộ returner", "Trần Văn Bình", "Trước hạn"),
    ]
    assert rows[1].from_unit == "Bộ phận tiếp nhận và trả kết quả, UBND xã Tân Lập"
    assert rows[1].to_unit == "Bộ phận chuyên môn, UBND xã Tân Lập"
    assert rows[2].at == vn(2025, 3, 4, 10)


def test_the_control_slip_prints_the_rows_and_the_result(returned, read_pdf):
    printed = read_pdf(dossier_form_pdf(returned, "05"))

    assert printed.page_size == A5
    assert not printed.missing(
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        returned.code,
        "Tiếp nhận hồ sơ",
        "Phê duyệt",
        "Chuyển kết quả",
        "Trả kết quả",
        "Trễ hạn",
        "Kết quả giải quyết hồ sơ: Trước hạn (08 giờ 00 phút, ngày 05 tháng 3 năm 2025)",
        "BỘ PHẬN TIẾP NHẬN VÀ",
        "Cơ quan phối hợp giải quyết hồ sơ: không có",
    )
    assert printed.text.count("Chuyển xử lý") == 2
    assert "09 giờ 30" in printed.text and not printed.missing("ngày 03 tháng 3")
    # The giver and the receiver sign at every one of the six hand-overs.
    assert printed.text.count("Người giao") == 6 and printed.text.count("Người nhận") == 6


def test_the_control_slip_notes_a_supplement_request(received, staff):
    dossier = lifecycle.request_supplement(
        received, actor=staff["receiver"], items=["Bản sao sổ hộ khẩu"], at=vn(2025, 3, 3, 10)
    )

    (row,) = hand_offs(dossier)

    assert row.notes == "Yêu cầu bổ sung hồ sơ ngày 03/03/2025"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ("02", "không có yêu cầu bổ sung"),
        ("03", "không bị từ chối"),
        ("04", "chưa có văn bản xin lỗi"),
    ],
)
def test_a_form_that_does_not_apply_says_why(received, form, message):
    with pytest.raises(FormNotApplicable, match=message):
        dossier_form_html(received, form)


@pytest.mark.parametrize("form", ["01", "05"])
def test_a_dossier_refused_at_the_desk_has_no_receipt_nor_control_slip(refused_at_desk, form):
    with pytest.raises(FormNotApplicable, match="chưa được tiếp nhận"):
        dossier_form_html(refused_at_desk, form)


LONG_DOCUMENTS = [
    "Tờ khai đăng ký kết hôn theo mẫu",
    "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền "
    "của nước ngoài cấp (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)",
    "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài",
    "Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận người đó không mắc bệnh tâm thần "
    "hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi của mình",
    "Văn bản ủy quyền được chứng thực theo quy định (trường hợp người nộp là người được ủy quyền)",
    "Giấy tờ chứng minh nơi cư trú của công dân Việt Nam tại địa bàn huyện",
]


@pytest.mark.parametrize("count, pages", [(3, 1), (6, 2)])
def test_the_receipt_fits_one_a5_page_or_says_it_continues(
    tree, staff, make_procedure, applicant, read_pdf, count, pages
):
    from motcua.catalog.models import RequiredDocument
    from motcua.catalog.services import publish

    procedure = make_procedure("2.000806", "Đăng ký kết hôn có yếu tố nước ngoài", days=15)
    procedure.documents.all().delete()
    for order, name in enumerate(LONG_DOCUMENTS[:count], start=1):
        RequiredDocument.objects.create(procedure=procedure, order=order, name=name, form="copy")
    publish(procedure)
    dossier = lifecycle.receive(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=list(range(1, count + 1)),
        fee_amount=1_000_000,
        at=vn(2025, 3, 3, 9),
    )
    printed = read_pdf(dossier_form_pdf(dossier, "01"))
    assert (printed.page_size, printed.pages) == (A5, pages)
    assert "NGƯỜI TIẾP NHẬN" in printed.text
    continued = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (tiếp theo) - trang 2/2"
    assert (continued in printed.words) == (pages == 2)
