"""The official civil-servant arrangements 2023-2026 (DOMAIN.md section 10), day by day."""

from datetime import date, datetime

import pytest

from motcua.workdays.engine import VIETNAM_TZ, WORKING_DAYS, CalendarError, due
from motcua.workdays.official import load_arrangements, official_days, package_days


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # 2023: Tết 20/1-26/1; 29/4-3/5 off; 1/9-4/9 off.
        (vn(2023, 1, 19, 10), vn(2023, 1, 27, 10)),
        (vn(2023, 4, 28, 9), vn(2023, 5, 4, 9)),
        (vn(2023, 8, 31, 9), vn(2023, 9, 5, 9)),
        # 2024: Tết 8/2-14/2; 27/4-1/5 off with Monday 29/4 swapped for Saturday 4/5.
        (vn(2024, 2, 7, 9), vn(2024, 2, 15, 9)),
        (vn(2024, 4, 26, 9), vn(2024, 5, 2, 9)),
        (vn(2024, 5, 3, 9), vn(2024, 5, 4, 9)),
        (vn(2024, 8, 30, 9), vn(2024, 9, 4, 9)),
        # 2025: the issue's example; Giỗ Tổ 7/4; Friday 2/5 swapped for Saturday 26/4; 1-2/9.
        (vn(2025, 1, 24, 9), vn(2025, 2, 3, 9)),
        (vn(2025, 4, 4, 9), vn(2025, 4, 8, 9)),
        (vn(2025, 4, 25, 9), vn(2025, 4, 26, 9)),
        (vn(2025, 4, 26, 9), vn(2025, 4, 28, 9)),
        (vn(2025, 4, 29, 9), vn(2025, 5, 5, 9)),
        (vn(2025, 8, 29, 9), vn(2025, 9, 3, 9)),
        # 2026: Tết 14/2-22/2; Giỗ Tổ Sunday 26/4 -> Monday 27/4; 30/4-3/5;
        # Monday 31/8 swapped for Saturday 22/8, 1-2/9 off.
        (vn(2026, 2, 13, 9), vn(2026, 2, 23, 9)),
        (vn(2026, 4, 24, 9), vn(2026, 4, 28, 9)),
        (vn(2026, 4, 29, 9), vn(2026, 5, 4, 9)),
        (vn(2026, 8, 21, 9), vn(2026, 8, 22, 9)),
        (vn(2026, 8, 28, 9), vn(2026, 9, 3, 9)),
    ],
    ids=lambda value: value.strftime("%d/%m/%Y %H:%M"),
)
def test_one_working_day_skips_the_official_days_off(official, received, expected):
    assert due(received, 1, WORKING_DAYS, official) == expected


def test_the_issue_example_prints_as_iso_8601_with_offset(official):
    assert due(vn(2025, 1, 24, 9), 1, WORKING_DAYS, official).isoformat() == (
        "2025-02-03T09:00:00+07:00"
    )


@pytest.mark.parametrize(
    "day", [date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22), date(2026, 1, 10)]
)
def test_swapped_saturdays_are_working_days(official, day):
    assert official.is_working_day(day)
    assert official.sessions_on(day) == official.weekly[0]


@pytest.mark.parametrize(
    "day",
    [
        date(2023, 1, 26),
        date(2023, 5, 3),
        date(2023, 9, 4),
        date(2024, 4, 29),
        date(2024, 9, 3),
        date(2025, 1, 27),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2026, 2, 16),
        date(2026, 4, 27),
        date(2026, 8, 31),
    ],
)
def test_official_days_off_are_not_working_days(official, day):
    assert not official.is_working_day(day)


def test_every_arrangement_names_its_source_and_unconfirmed_ones_say_so():
    days = official_days(range(2023, 2027))
    entries, _ = load_arrangements()
    assert {entry.date.year for entry in entries} == {2023, 2024, 2025, 2026}
    assert all(days[entry.date] == entry and entry.source.strip() for entry in entries)
    assert days[date(2026, 1, 2)].source.startswith("UNCONFIRMED")
    assert days[date(2026, 1, 10)].source.startswith("UNCONFIRMED")


def test_vietnamese_culture_day_is_kept_but_marked_unconfirmed_in_every_year():
    days = official_days(range(2020, 2036))
    culture = [day for day in days.values() if day.name.startswith("Ngày Văn hóa Việt Nam")]
    assert date(2026, 11, 24) in {day.date for day in culture}
    assert all(not day.is_working and day.source.startswith("UNCONFIRMED") for day in culture)


def test_holiday_names_are_vietnamese_whatever_the_machine_locale():
    assert official_days(range(2025, 2026))[date(2025, 9, 2)].name == "Quốc khánh"


def test_package_swapped_saturdays_outside_the_requested_years_are_left_out():
    assert {day for day, o in package_days(range(2025, 2026)).items() if o.is_working} == {
        date(2025, 4, 26)
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[day]]\ndate = 2025-01-01\nworking = false\nname = "x"\n', "expected keys"),
        ('[[day]]\ndate = 2025-01-01\nworking = "no"\nname = "x"\nsource = "y"\n', "true or false"),
        ('[[day]]\ndate = "2025-01-01"\nworking = false\nname = "x"\nsource = "y"\n', "TOML date"),
        ('[[day]]\ndate = 2025-01-01\nworking = false\nname = ""\nsource = "y"\n', "non-empty"),
        ("[[holiday]]\n", "unknown sections"),
        (
            '[[day]]\ndate = 2025-01-01\nworking = false\nname = "a"\nsource = "b"\n' * 2,
            "listed twice",
        ),
    ],
)
def test_a_broken_arrangements_file_is_refused_with_a_clear_message(tmp_path, text, message):
    path = tmp_path / "arrangements.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=message):
        load_arrangements(path)
