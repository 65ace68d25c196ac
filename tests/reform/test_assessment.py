"""The PAR index: criteria from XLSX, self-assessment with measured figures, review."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from support import vn

from motcua.reform import assessment
from motcua.reform.access import may_review, may_self_assess
from motcua.reform.criteria import import_criteria_xlsx
from motcua.reform.errors import ReformError
from motcua.reform.models import AssessmentStatus, Criterion

NOW = vn(2022, 12, 20, 9)


def _xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(["Mã", "Tiêu chí", "Điểm tối đa", "Số liệu hệ thống"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_criteria_are_imported_from_xlsx_with_parents_summing_their_points(db):
    content = _xlsx(
        [
            ["1", "Chỉ đạo, điều hành", None, None],
            ["1.1", "Kế hoạch", 2, None],
            ["1.2", "Kiểm tra", 1.5, None],
            ["2", "Thủ tục hành chính", None, None],
            ["2.1", "Giải quyết đúng hạn", 6, "on_time"],
        ]
    )
    assert import_criteria_xlsx(content, year=2023) == 3
    parent = Criterion.objects.get(year=2023, code="1")
    assert parent.max_points == Decimal("3.5")
    assert Criterion.objects.get(year=2023, code="2.1").measure == "on_time"


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["1.1", "Mồ côi", 2, None]], "không có tiêu chí cha 1"),
        ([["1", "A", None, None], ["1.1", "B", "hai", None]], "không phải số"),
        ([["1", "A", None, None], ["1.1", "B", 2, "tu_dong"]], "không có"),
    ],
)
def test_a_bad_criteria_sheet_is_refused_with_the_row_and_nothing_changes(db, rows, message):
    with pytest.raises(ReformError, match=message):
        import_criteria_xlsx(_xlsx(rows), year=2023)
    assert not Criterion.objects.filter(year=2023).exists()


def test_a_file_that_is_not_xlsx_is_refused(db):
    with pytest.raises(ReformError, match="XLSX"):
        import_criteria_xlsx(b"not a workbook", year=2023)


def test_measured_criteria_are_filled_and_flagged_and_the_rest_scored_by_hand(
    tree, officer, criteria_2022, make_procedure
):
    make_procedure()  # published, for communes (inside the district's subtree)
    draft = make_procedure("1.001193", "Đăng ký khai sinh")
    draft.versions.all().delete()  # never published
    record = assessment.start_assessment(tree["district"], 2022, actor=officer, at=NOW)
    assert assessment.fill_measured(record, actor=officer, at=NOW) == 3
    scores = {s.criterion.code: s for s in record.scores.select_related("criterion")}
    assert scores["3.1"].measured and scores["3.1"].self_points == Decimal("2.00")
    assert scores["3.1"].measured_note == "1/2 thủ tục được công khai"
    assert scores["3.2"].self_points == Decimal("6")  # nothing resolved: full points
    # Documents on time, from the e-office registers: none closed, so nothing to measure.
    assert scores["3.3"].measured
    assert scores["3.3"].measured_note == "0/0 văn bản xử lý đúng hạn"

    ids = {code: s.criterion_id for code, s in scores.items()}
    entries = {
        ids["1.1"]: assessment.Entry(Decimal("2"), "Kế hoạch số 12"),
        ids["1.2"]: assessment.Entry(Decimal("2.5"), "Kiểm tra 5 xã"),
        ids["3.1"]: assessment.Entry(Decimal("4"), "ghi đè?"),  # measured: kept
        ids["3.3"]: assessment.Entry(Decimal("3"), "Phần mềm văn bản"),
    }
    assessment.save_self_scores(record, entries, actor=officer, at=NOW)
    assert record.scores.get(criterion__code="3.1").self_points == Decimal("2.00")
    assert assessment.total(record) == (Decimal("16.50"), Decimal("19"))  # 3.3 measured, not typed


def test_points_above_the_maximum_are_refused(tree, officer, criteria_2022):
    record = assessment.start_assessment(tree["district"], 2022, actor=officer, at=NOW)
    criterion = Criterion.objects.get(year=2022, code="1.1")
    with pytest.raises(ReformError, match="từ 0 đến 2"):
        assessment.save_self_scores(
            record, {criterion.pk: assessment.Entry(Decimal("3"))}, actor=officer, at=NOW
        )


def test_submit_needs_every_score_then_only_the_office_above_reviews(
    tree, officer, province_officer, criteria_2022
):
    district = tree["district"]
    record = assessment.start_assessment(district, 2022, actor=officer, at=NOW)
    with pytest.raises(ReformError, match="Chưa chấm điểm"):
        assessment.submit(record, actor=officer, at=NOW)
    entries = {
        s.criterion_id: assessment.Entry(s.criterion.max_points, "đủ")
        for s in record.scores.select_related("criterion")
    }
    assessment.save_self_scores(record, entries, actor=officer, at=NOW)
    assessment.submit(record, actor=officer, at=NOW)
    assert may_self_assess(officer, district) and not may_review(officer, district)
    assert may_review(province_officer, district)

    lower = Criterion.objects.get(year=2022, code="1.2")
    assessment.review(
        record,
        {lower.pk: assessment.Entry(Decimal("1"), "Chưa kiểm tra đủ")},
        actor=province_officer,
        at=NOW,
    )
    record.refresh_from_db()
    assert record.status == AssessmentStatus.REVIEWED
    assert assessment.total(record) == (Decimal("17"), Decimal("19"))
    with pytest.raises(ReformError, match="Đã thẩm định"):
        assessment.save_self_scores(record, {}, actor=officer, at=NOW)
