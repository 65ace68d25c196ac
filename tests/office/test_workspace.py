import re

from django.urls import reverse
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.lifecycle import allowed_actions
from motcua.dossiers.models import EventKind, FileKind, Payment, PaymentStatus
from motcua.office.display import time_left


def page(client, dossier) -> str:
    response = client.get(reverse("office:dossier", args=[dossier.code]))
    assert response.status_code == 200
    return response.content.decode()


def rendered_actions(html: str, dossier) -> set[str]:
    prefix = reverse("office:dossier", args=[dossier.code])
    return set(re.findall(rf'action="{re.escape(prefix)}([a-z_]+)/"', html))


def test_the_workspace_shows_everything_about_the_dossier(receive, staff, client_for):
    dossier = receive(note="Người nộp hẹn lấy buổi sáng.")
    html = page(client_for(staff["receiver"]), dossier)
    for text in [
        dossier.code,
        "Đã tiếp nhận",
        "Đăng ký kết hôn",
        "mã 1.000894, phiên bản 1",
        "Trần Văn Bình",
        "072095001234",
        "0912345678",
        "Trực tiếp",
        "Tại Bộ phận Một cửa",
        "75.000 đ",
        "Tờ khai",
        "✓ Đã nhận",
        "Tiếp nhận hồ sơ",  # the timeline
        "Người nộp hẹn lấy buổi sáng.",
        "09:00 06/03/2025",  # legal due: 3 working days
        "Bước 1",
        "Tiếp nhận (Bộ phận Một cửa)",
        "10:00 03/03/2025",  # the step's due
        "quá hạn",
        "giờ làm việc",
    ]:
        assert text in html, text
    assert reverse("printing:dossier_form", args=[dossier.code, "01"]) in html
    assert reverse("printing:dossier_form", args=[dossier.code, "05"]) in html
    assert reverse("printing:dossier_form", args=[dossier.code, "02"]) not in html


def test_only_the_actions_the_user_may_take_are_rendered(receive, staff, client_for):
    dossier = receive()
    for role in ("receiver", "handler", "approver", "returner"):
        user = staff[role]
        html = page(client_for(user), dossier)
        assert rendered_actions(html, dossier) == set(allowed_actions(dossier, user)), role

    dossier = walk_to(dossier, staff, "approved", MONDAY)
    returner = staff["returner"]
    assert rendered_actions(page(client_for(returner), dossier), dossier) == {"mark_result_ready"}


def test_a_closed_dossier_offers_no_action(receive, staff, client_for):
    dossier = walk_to(receive(), staff, "returned", MONDAY)
    html = page(client_for(staff["returner"]), dossier)
    assert rendered_actions(html, dossier) == set()
    assert "Đã trả kết quả" in html


def test_the_timeline_and_print_links_follow_the_history(receive, staff, client_for):
    dossier = receive()
    dossier = lifecycle.request_supplement(
        dossier, actor=staff["receiver"], items=["Bản sao sổ hộ khẩu", "Ảnh 3x4"], at=MONDAY
    )
    html = page(client_for(staff["receiver"]), dossier)
    assert "Yêu cầu bổ sung" in html
    assert "<li>Bản sao sổ hộ khẩu</li>" in html
    assert "tạm dừng, chờ bổ sung" in html
    assert "đang chờ" in html  # the open pause
    assert reverse("printing:dossier_form", args=[dossier.code, "02"]) in html


def test_time_left_is_said_in_working_hours(receive):
    dossier = receive()  # Monday 09:00, due Thursday 09:00
    wednesday = vn(2025, 3, 5, 14, 30)  # 14:30-17:00 and Thursday 07:00-09:00
    assert time_left(dossier, dossier.due_at, wednesday).text == "còn 4,5 giờ làm việc"
    thursday = vn(2025, 3, 6, 12)  # 09:00-11:30 late
    left = time_left(dossier, dossier.due_at, thursday)
    assert (left.text, left.tone) == ("quá hạn 2,5 giờ làm việc", "bad")


def test_the_history_says_every_event_in_vietnamese_never_its_code(receive, staff, client_for):
    """Files, payments, apologies...: each row of the history reads as its EventKind label."""
    dossier = receive()
    lifecycle.attach_file(
        dossier,
        actor=staff["receiver"],
        kind=FileKind.DOCUMENT,
        content=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        name="to-khai.pdf",
        document_order=1,
        at=MONDAY,
    )
    payment = Payment.objects.create(
        dossier=dossier,
        amount=75000,
        online=False,
        reference="TEST-0001",
        status=PaymentStatus.PAID,
        created_at=MONDAY,
        paid_at=MONDAY,
    )
    lifecycle.record_payment(dossier, payment=payment, at=MONDAY)
    dossier = lifecycle.forward(dossier, actor=staff["receiver"], at=MONDAY)
    dossier = lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Cần xác minh thêm.",
        new_appointment=vn(2025, 3, 20, 9),
        at=MONDAY,
    )
    html = page(client_for(staff["receiver"]), dossier)
    timeline = html[html.index('id="timeline-title"') : html.index('id="time-title"')]
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == ["receive", "attach_file", "payment", "forward", "apologise_and_reschedule"]
    for kind in kinds:
        assert str(EventKind(kind).label) in timeline, kind
        assert re.search(rf"\b{kind}\b", timeline) is None, kind
    assert "Thành phần hồ sơ: to-khai.pdf" in timeline
    assert "Đã thanh toán: 75.000 đ" in timeline


def test_every_event_kind_has_a_vietnamese_label():
    for kind in EventKind:
        assert kind.label and kind.label != kind.value
        assert re.search("[àáảãạăâđèéêìíòóôơùúưỳý]", kind.label.lower()), kind
