"""The demo's reform year 2022: loaded once, and the review reads like the district's."""

from django.utils import timezone

from motcua.demo import loader
from motcua.org.models import Agency
from motcua.reform.demo import load_demo
from motcua.reform.models import Assessment, Event, Score
from motcua.reform.review import year_review


def test_the_demo_holds_the_2022_reform_year_and_loads_once(db):
    loader.load_agencies()
    loader.load_catalog()
    loader.load_staff()
    assert load_demo() == {"tasks": 22, "feedback": 18, "courses": 4}
    events = Event.objects.count()
    assert load_demo() == {"tasks": 22, "feedback": 18, "courses": 4}
    assert Event.objects.count() == events

    district = Agency.objects.get(code="000.00.21.H56")
    assert Assessment.objects.get(agency=district, year=2022).reviewed_by.username == "cchc.tinh"
    feedback_score = Score.objects.get(assessment__year=2022, criterion__code="3.3")
    assert feedback_score.measured and feedback_score.measured_note == (
        "12/16 phản ánh, kiến nghị xử lý đúng hạn"
    )

    text = year_review(district, 2022, timezone.now())
    assert (
        "năm 2022 có 22 nhiệm vụ; đã hoàn thành 20 nhiệm vụ (đạt 90,9%), trong đó đúng hạn 18, "
        "trễ hạn 2; còn 2 nhiệm vụ đang thực hiện (2 nhiệm vụ đã quá hạn)" in text
    )
    assert "so với năm 2021 (76,6 điểm)" in text
    assert (
        "Tiếp nhận 18 phản ánh, kiến nghị về quy định hành chính (qua cổng dịch vụ công 9, "
        "trực tiếp 5, qua điện thoại 4); đã trả lời 16, trong đó đúng hạn 12 (đạt 75,0%)" in text
    )
    assert "Tổ chức 4 lớp tập huấn, bồi dưỡng (trong đó 3 lớp về chuyển đổi số) với 32 lượt" in text
