"""The reporting period is calendar or the official cut-off (Decree 09/2019/NĐ-CP Art. 12:
from the 15th of the month before to the 14th), chosen on the page, in the exports and on
the command line."""

import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from motcua.org.models import Role

MARCH = {"kind": "month", "year": 2025, "number": 3}


@pytest.fixture
def client(tree, make_user):
    client = Client()
    client.force_login(make_user("baocao.a", (Role.REPORTER, tree["commune_a"])))
    return client


def test_the_page_offers_both_bases_and_counts_the_cutoff_period(client, history):
    calendar = client.get("/reports/bieu-06/", MARCH | {"basis": "calendar"})
    cutoff = client.get("/reports/bieu-06/", MARCH | {"basis": "cutoff"})

    assert 'name="basis"' in calendar.content.decode()
    assert "từ ngày 01/03/2025 đến ngày 31/03/2025" in calendar.content.decode()
    page = cutoff.content.decode()
    assert "từ ngày 15/02/2025 đến ngày 14/03/2025" in page
    assert "theo thời gian chốt số liệu" in page
    # Calendar March: A5, A6, A8. Cut-off March (15/02-14/03): A1-A6; A8 (25/03) is April's.
    assert calendar.context["report"].total.received == 3
    assert cutoff.context["report"].total.received == 6


def test_an_unknown_basis_is_a_clear_error(client, history):
    response = client.get("/reports/bieu-06/", MARCH | {"basis": "lunar"})

    assert response.status_code == 400
    assert "theo tháng dương lịch hoặc theo thời gian chốt số liệu" in response.content.decode()


def test_the_xlsx_download_states_the_cutoff_period(client, history):
    response = client.get("/reports/bieu-06/", MARCH | {"basis": "cutoff", "format": "xlsx"})

    assert "20250215-20250314" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "từ ngày 15/02/2025 đến ngày 14/03/2025; theo thời gian chốt số liệu" in text


def test_the_command_line_prints_the_report_of_either_basis(tree, history, tmp_path):
    def run(*extra):
        out = StringIO()
        call_command(
            "reports", "periodic", "--agency", tree["commune_a"].code, "--year", "2025",
            "--kind", "month", "--number", "3", *extra, stdout=out,
        )  # fmt: skip
        return out.getvalue()

    calendar = run("--basis", "calendar")
    cutoff = run("--basis", "cutoff")
    assert calendar.startswith("STT,") and cutoff.startswith("STT,")
    total = {
        name: next(line for line in text.splitlines() if ",Tổng cộng," in line)
        for name, text in (("calendar", calendar), ("cutoff", cutoff))
    }
    assert total["calendar"] != total["cutoff"]
    pdf = tmp_path / "bieu06.pdf"
    run("--basis", "cutoff", "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_command_line_refuses_an_unknown_agency(db):
    with pytest.raises(CommandError, match="Không có cơ quan mã X"):
        call_command("reports", "periodic", "--agency", "X", "--year", "2025")
