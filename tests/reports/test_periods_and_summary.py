"""Reporting periods (calendar by default, the cut-off day as data), the time buckets behind
them, and the year-end summary."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from support import vn

from motcua.news.models import Article, ArticleStatus, Category
from motcua.reports.buckets import cover
from motcua.reports.models import Grain, ReportingRule
from motcua.reports.periods import PeriodError, custom, parse, parse_month, period
from motcua.reports.summary import year_summary


def test_calendar_periods_by_default(db):
    assert (period("month", 2024, 2).first, period("month", 2024, 2).last) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    assert period("quarter", 2022, 4).label == "Quý IV năm 2022"
    assert (period("half", 2022, 2).first, period("half", 2022, 2).last) == (
        date(2022, 7, 1),
        date(2022, 12, 31),
    )
    assert period("year", 2022).dates == "01/01/2022 - 31/12/2022"


def test_the_cut_off_day_is_data(db):
    ReportingRule.objects.create(start_day=15)
    year = period("year", 2022)
    assert (year.first, year.last) == (date(2021, 12, 15), date(2022, 12, 14))
    first_quarter = period("quarter", 2022, 1)
    assert (first_quarter.first, first_quarter.last) == (date(2021, 12, 15), date(2022, 3, 14))


def test_nonsense_periods_are_refused_in_vietnamese(db):
    with pytest.raises(PeriodError, match="Kỳ số 13"):
        period("month", 2022, 13)
    with pytest.raises(PeriodError, match="dd/mm/yyyy"):
        parse({"kind": "custom", "from": "2022-13-01", "to": "01/02/2022"}, date(2025, 1, 1))
    with pytest.raises(PeriodError, match="sau ngày bắt đầu"):
        custom(date(2022, 2, 1), date(2022, 1, 1))
    with pytest.raises(PeriodError):
        parse_month("2025/03", date(2025, 4, 1))
    assert parse_month("", date(2025, 1, 10)) == date(2024, 12, 1)
    assert parse_month("03/2025", date(2025, 4, 1)) == parse_month("2025-03", date(2025, 4, 1))


DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))


# No deadline: an example walks up to nine years day by day, which on a loaded machine can
# take longer than Hypothesis's default 200 ms and fail the run by the clock alone.
@settings(deadline=None)
@given(DAYS, DAYS)
def test_buckets_cover_every_day_of_a_range_exactly_once(a, b):
    first, last = min(a, b), max(a, b)
    covered = []
    for grain, low, high in cover(first, last):
        start = low
        while start <= high:
            if grain == Grain.DAY:
                covered.append(start)
                start += timedelta(days=1)
            else:
                end = (
                    date(start.year + 1, 1, 1)
                    if grain == Grain.YEAR
                    else date(start.year + (start.month == 12), start.month % 12 + 1, 1)
                )
                day = start
                while day < end:
                    covered.append(day)
                    day += timedelta(days=1)
                start = end
    assert covered == [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_the_year_summary_writes_the_seed_style_paragraph(tree, history):
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    for day, status in (
        (3, ArticleStatus.PUBLISHED),
        (4, ArticleStatus.PUBLISHED),
        (5, ArticleStatus.DRAFT),
    ):
        Article.objects.create(
            title=f"Tin {day}",
            summary="Tóm tắt",
            body="<p>Nội dung</p>",
            category=category,
            agency=tree["commune_a"],
            status=status,
            published_at=vn(2025, 3, day, 8),
        )
    text = year_summary(tree["commune_a"], 2025, vn(2025, 4, 15, 9))
    assert text == (
        "Năm 2025, UBND xã Tân Lập tiếp nhận và giải quyết 7 hồ sơ, trong đó trước hạn và đúng "
        "hạn 3 hồ sơ, trễ hạn 1 hồ sơ, đang giải quyết 1 hồ sơ, từ chối giải quyết 1 hồ sơ, "
        "công dân rút 1 hồ sơ; hồ sơ nộp trực tuyến 1 hồ sơ, chiếm 14,3% số hồ sơ tiếp nhận "
        "trong năm; đăng tải 2 tin, bài trên cổng thông tin điện tử."
    )


def test_the_summary_command(tree, history):
    out = StringIO()
    call_command(
        "reports", "summary", "--agency", tree["commune_b"].code, "--year", "2025", stdout=out
    )
    assert out.getvalue().startswith("Năm 2025, UBND xã Thạnh Bắc tiếp nhận và giải quyết 1 hồ sơ")
    with pytest.raises(CommandError, match="Không có cơ quan"):
        call_command("reports", "summary", "--agency", "X", "--year", "2025")
    assert timezone.now()
