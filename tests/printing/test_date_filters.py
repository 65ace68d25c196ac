"""How the forms write dates and times."""

from datetime import UTC, date, datetime

import pytest

from motcua.printing.templatetags.printing import vndate_words, vnmoment_words


def test_times_print_in_words_in_vietnam_time():
    assert vnmoment_words(datetime(2025, 3, 6, 2, 0, tzinfo=UTC)) == (
        "09 giờ 00 phút, ngày 06 tháng 3 năm 2025"
    )


def test_a_bare_date_prints_without_the_time():
    assert vnmoment_words(date(2025, 3, 6)) == "ngày 06 tháng 3 năm 2025"


@pytest.mark.parametrize("value", [None, "", "06/03/2025"])
def test_anything_else_prints_nothing(value):
    assert vnmoment_words(value) == "" and vndate_words(value) == ""


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (date(2025, 3, 3), "ngày 03 tháng 3 năm 2025"),
        (date(2025, 2, 15), "ngày 15 tháng 02 năm 2025"),
        (date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (datetime(2025, 2, 28, 18, tzinfo=UTC), "ngày 01 tháng 3 năm 2025"),
    ],
)
def test_the_date_line_pads_days_and_the_first_two_months(value, words):
    assert vndate_words(value) == words
