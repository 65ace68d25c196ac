"""`motcua forms list`."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_forms_list_prints_one_line_per_form_of_every_set():
    out = StringIO()
    call_command("forms", "list", stdout=out)
    lines = [line.split("\t") for line in out.getvalue().splitlines()]

    assert len(lines) == 14
    assert lines[0] == [
        "2018",
        "01",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "08/01/2019",
        "14/09/2025",
    ]
    assert [line[1] for line in lines if line[0] == "2025"] == [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
    ]
    assert [
        "2025",
        "05",
        "Thông báo dừng giải quyết hồ sơ",
        "15/09/2025",
        "",
    ] in lines
