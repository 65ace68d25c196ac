"""The reform office in the browser: a task reported with its evidence, a self-assessment
reviewed by the office above, a citizen's petition answered and published on the portal."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from motcua.org.models import Role
from motcua.reform import assessment, feedback, plan
from motcua.reform.criteria import load_criteria
from motcua.reform.models import Plan

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log_in(page, user, then: str) -> None:
    page.goto(f"/login/?next={then}")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == then)


def test_a_task_is_reported_done_with_its_evidence(page, tree, make_user, tmp_path):
    officer = make_user("cchc", (Role.REFORM_OFFICER, tree["district"]), first_name="Yến")
    the_plan = Plan.objects.create(
        agency=tree["district"],
        year=date.today().year,
        number="Kế hoạch số 12/KH-UBND",
        issued_on=date.today(),
        title="Kế hoạch cải cách hành chính",
    )
    plan.add_task(
        the_plan,
        number=1,
        area="digital",
        title="Triển khai chữ ký số",
        lead=tree["department"],
        output="Chứng thư số",
        starts_on=date.today(),
        working_days=20,
    )
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(PDF)

    log_in(page, officer, "/office/")
    page.get_by_role("link", name="Cải cách hành chính").click()
    page.get_by_role("link", name="Kế hoạch số 12/KH-UBND").click()
    page.get_by_role("link", name="1. Triển khai chữ ký số").click()
    page.get_by_role("button", name="Ghi báo cáo").click()  # empty: errors, nothing lost
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Kết quả thực hiện").fill("Đã cấp chứng thư số cho 12 lãnh đạo")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Ghi báo cáo").click()
    expect(page.locator("#task-state")).to_have_text("Hoàn thành đúng hạn")
    with page.expect_download() as download:
        page.get_by_role("link", name="bien-ban.pdf").click()
    assert download.value.path().read_bytes() == PDF


def test_the_province_reviews_a_district_self_assessment(page, tree, make_user):
    district_officer = make_user("cchc.huyen", (Role.REFORM_OFFICER, tree["district"]))
    reviewer = make_user("cchc.tinh", (Role.REFORM_OFFICER, tree["province"]))
    load_criteria(
        2022,
        [
            {"code": "1", "name": "Công tác chỉ đạo, điều hành"},
            {"code": "1.1", "name": "Ban hành kế hoạch", "points": 2},
            {"code": "1.2", "name": "Kiểm tra cải cách hành chính", "points": 3},
        ],
    )
    now = timezone.now()
    record = assessment.start_assessment(tree["district"], 2022, actor=district_officer, at=now)
    assessment.save_self_scores(
        record,
        {
            s.criterion_id: assessment.Entry(s.criterion.max_points, "Có")
            for s in record.scores.select_related("criterion")
        },
        actor=district_officer,
        at=now,
    )
    assessment.submit(record, actor=district_officer, at=now)

    log_in(page, reviewer, "/office/reform/")
    page.get_by_role("link", name="UBND huyện Tân Biên · năm 2022").click()
    expect(page.locator("#assessment-status")).to_have_text("Đã gửi thẩm định")
    page.get_by_label("Điểm thẩm định tiêu chí 1.2").fill("1,5")
    page.get_by_label("Ý kiến thẩm định tiêu chí 1.2").fill("Mới kiểm tra 3/10 xã")
    page.get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(page.locator("#assessment-status")).to_have_text("Đã thẩm định")
    expect(page.locator("#total")).to_have_text("3,50")
    expect(page.locator("#row-1\\.2")).to_contain_text("Mới kiểm tra 3/10 xã")
    record.refresh_from_db()
    assert record.scores.get(criterion__code="1.2").reviewed_points == Decimal("1.5")


def test_a_petition_is_answered_and_published_on_the_portal(page, tree, make_user):
    officer = make_user("cchc", (Role.REFORM_OFFICER, tree["district"]))

    page.goto("/feedback/send/")
    page.get_by_label("Gửi tới").select_option(label="UBND huyện Tân Biên")
    page.get_by_label("Kiến nghị").check()
    page.get_by_label("Họ và tên").fill("Lê Văn Tám")
    page.get_by_label("Điện thoại").fill("0276 099 9001")
    page.get_by_label("Tiêu đề").fill("Đề nghị tiếp nhận hồ sơ sáng thứ Bảy")
    page.get_by_label("Nội dung", exact=True).fill(
        "Người lao động khó sắp xếp thời gian trong tuần."
    )
    page.get_by_label("Tôi đồng ý công khai").check()
    page.get_by_role("button", name="Gửi").click()
    code = page.locator("#code").inner_text()
    assert code.startswith("PAKN-")

    log_in(page, officer, "/office/reform/feedback/")
    page.get_by_role("link", name=code).click()
    page.get_by_label("Phân loại").select_option(label="Phương án xử lý, sáng kiến ban hành mới")
    page.get_by_label("Đơn vị xử lý").select_option(label="Phòng Tư pháp")
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("#feedback-status")).to_have_text("Đang xử lý")
    page.get_by_label("Kết quả xử lý, trả lời").fill(
        "Bộ phận Một cửa tiếp nhận hồ sơ sáng thứ Bảy từ tháng 11."
    )
    page.get_by_role("button", name="Trả lời").click()
    expect(page.locator("#published")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto("/feedback/")
    page.get_by_role("link", name="Đề nghị tiếp nhận hồ sơ sáng thứ Bảy").click()
    expect(page.locator("#answer")).to_have_text(
        "Bộ phận Một cửa tiếp nhận hồ sơ sáng thứ Bảy từ tháng 11."
    )
    expect(page.locator("main")).not_to_contain_text("0276 099 9001")


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_reform_pages_have_no_serious_accessibility_violations(page, tree, make_user, width):
    officer = make_user("cchc", (Role.REFORM_OFFICER, tree["district"]))
    the_plan = Plan.objects.create(
        agency=tree["district"],
        year=2022,
        number="Kế hoạch số 12/KH-UBND",
        issued_on=date(2022, 1, 10),
        title="Kế hoạch cải cách hành chính năm 2022",
    )
    task = plan.add_task(
        the_plan,
        number=1,
        area="digital",
        title="Triển khai chữ ký số",
        lead=tree["department"],
        output="Chứng thư số",
        starts_on=date(2022, 3, 1),
        working_days=20,
    )
    load_criteria(
        2022,
        [
            {"code": "1", "name": "Công tác chỉ đạo, điều hành"},
            {"code": "1.1", "name": "Ban hành kế hoạch", "points": 2},
            {"code": "1.2", "name": "Hồ sơ đúng hạn", "points": 3, "measure": "on_time"},
        ],
    )
    now = timezone.now()
    record = assessment.start_assessment(tree["district"], 2022, actor=officer, at=now)
    item = feedback.receive(
        agency=tree["district"],
        channel="portal",
        kind="report",
        name="Lê Văn Tám",
        phone="02760999001",
        subject="Giấy tờ không có trong danh mục",
        content="Nội dung.",
        publish_consent=True,
        at=now,
    )
    feedback.assign(item, handler=tree["department"], topic="procedure", actor=officer, at=now)
    feedback.answer(item, text="Đã chấn chỉnh.", actor=officer, at=now)

    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in ["/feedback/", "/feedback/send/", f"/feedback/{item.code}/"]:
        page.goto(path)
        found[path] = severe_violations(page)
    log_in(page, officer, "/office/reform/")
    for path in [
        "/office/reform/",
        f"/office/reform/plans/{the_plan.pk}/",
        f"/office/reform/tasks/{task.pk}/",
        "/office/reform/index/2022/",
        f"/office/reform/assessments/{record.pk}/",
        "/office/reform/feedback/",
        f"/office/reform/feedback/{item.pk}/",
        "/office/reform/training/",
        "/office/reform/review/2022/",
    ]:
        assert page.goto(path).status == 200, path
        found[path] = severe_violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def severe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
