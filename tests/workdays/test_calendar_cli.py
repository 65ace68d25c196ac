"""`motcua deadline` and `motcua calendar`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.workdays.engine import horizon_year

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_deadline_prints_the_due_moment_and_nothing_else():
    output = run(
        "deadline", "--start", "2025-01-24T09:00", "--quantity", "1", "--unit", "working_days"
    )
    assert output == "2025-02-03T09:00:00+07:00\n"


def test_deadline_takes_a_cutoff_and_an_agency(tree):
    output = run(
        "deadline",
        "--start=2025-01-24T15:30",
        "--quantity=0",
        "--unit=working_days",
        "--cutoff=15:00",
        f"--agency={tree['district'].code}",
    )
    assert output == "2025-02-03T17:00:00+07:00\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start=24/01/2025", "--quantity=1", "--unit=working_days"], "ISO 8601"),
        (["--start=2025-01-24T09:00", "--quantity=-2", "--unit=working_days"], "negative"),
        (["--start=2025-01-24T09:00", "--quantity=1", "--unit=days"], "unknown unit"),
        (
            ["--start=2025-01-24T09:00", "--quantity=1", "--unit=working_days", "--agency=X"],
            "agency",
        ),
        (
            ["--start=2025-01-24T09:00", "--quantity=1", "--unit=working_days", "--cutoff=x"],
            "cutoff",
        ),
    ],
)
def test_deadline_refuses_bad_input_with_exit_status_2(args, message):
    with pytest.raises(CommandError, match=message) as error:
        run("deadline", *args)
    assert error.value.returncode == 2


def test_bad_input_from_the_command_line_goes_to_stderr_with_status_2(capsys):
    from motcua.workdays.management.commands.deadline import Command

    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["motcua", "deadline", "--start=x", "--quantity=1", "--unit=working_days"]
        )
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "start must be an ISO 8601 date-time" in captured.err


def test_calendar_lists_the_years_non_working_weekdays_and_extra_working_days():
    lines = run("calendar", "--year", "2025").splitlines()
    assert "2025-04-26  Thứ Bảy   làm việc  Làm việc bù cho thứ Sáu 02/05/2025" in lines
    assert "2025-09-02  Thứ Ba    nghỉ      Quốc khánh" in lines
    assert not any(line.startswith("2025-02-01") for line in lines)  # a Saturday anyway
    assert len(lines) == 13


def test_calendar_refuses_a_year_outside_the_calendar():
    last = horizon_year()
    with pytest.raises(CommandError, match=f"between 2020 and {last}") as error:
        run("calendar", "--year", str(last + 1))
    assert error.value.returncode == 2


def test_calendar_seed_is_idempotent():
    assert run("calendar", "seed") == "0 days created, 0 updated, 0 default sessions created\n"
