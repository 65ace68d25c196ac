"""Exports opened by independent tools: openpyxl and LibreOffice read the XLSX, pdftotext the
PDF, the csv module the CSV; their figures are the report's."""

import csv
import io
import subprocess
from datetime import date

import openpyxl
import pytest
from django.test import Client
from support import vn

from motcua.org.models import Role
from motcua.reports.exports import CHART_SHEET, SHEET, to_csv, to_pdf, to_xlsx
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period
from motcua.reports.tables import periodic_table

AFTER = vn(2025, 4, 15, 9)


@pytest.fixture
def march(tree, history):
    report = periodic_report(tree["district"], period("quarter", 2025, 1), AFTER)
    return report, periodic_table(report, detail=True)


def rows_with_label(rows, label):
    return [row for row in rows if len(row) > 1 and row[1] == label]


def test_xlsx_read_by_openpyxl_has_the_heading_the_figures_as_numbers_and_a_chart(march, tmp_path):
    report, table = march
    path = tmp_path / "bieu06.xlsx"
    path.write_bytes(to_xlsx(table, signed_on=date(2025, 4, 15)))
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    text = " ".join(str(v) for row in values for v in row if v)
    assert "Biểu số 06/VPCP/KSTT" in text and "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT" in text
    assert "Quý I năm 2025 (từ ngày 01/01/2025 đến ngày 31/03/2025; theo tháng dương lịch)" in text
    assert (
        "NGƯỜI LẬP BIỂU" in text
        and "THỦ TRƯỞNG ĐƠN VỊ" in text
        and "ngày 15 tháng 04 năm 2025" in text
    )
    (total,) = rows_with_label(values, "Tổng cộng")
    assert total[2:] == report.total.values()
    assert all(isinstance(v, int) for v in total[2:])
    (civil,) = rows_with_label(values, "Hộ tịch")
    assert civil[2:] == next(line for line in report.lines if line.label == "Hộ tịch").values()
    assert len(book[CHART_SHEET]._charts) == 1


def test_libreoffice_reads_the_same_figures(march, tmp_path):
    report, table = march
    path = tmp_path / "bieu06.xlsx"
    path.write_bytes(to_xlsx(table, signed_on=date(2025, 4, 15)))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with open(tmp_path / "bieu06.csv", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    (total,) = rows_with_label(rows, "Tổng cộng")
    assert [int(v.replace(",", "").replace(".", "")) for v in total[2:]] == report.total.values()


def test_pdf_is_a4_landscape_with_the_figures(march):
    _, table = march
    content = to_pdf(table, signed_on=date(2025, 4, 15))
    assert content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text
    info = subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert round(width) == 842 and round(height) == 595


def test_csv_has_a_bom_one_header_line_and_plain_numbers(march):
    report, table = march
    content = to_csv(table)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][2] == "Số hồ sơ nhận giải quyết - Tổng số"
    (total,) = rows_with_label(rows, "Tổng cộng")
    assert [int(v) for v in total[2:]] == report.total.values()


def test_pages_download_every_format(tree, make_user, history):
    client = Client()
    client.force_login(make_user("baocao", (Role.REPORTER, tree["district"])))
    for page, params in (
        ("/reports/bieu-06/", {"kind": "month", "year": 2025, "number": 3}),
        ("/reports/dashboard/", {"kind": "month", "year": 2025, "number": 3}),
        ("/reports/index/", {"month": "03/2025"}),
    ):
        for kind, start in (("xlsx", b"PK"), ("csv", "\ufeff".encode())):
            response = client.get(page, {**params, "format": kind})
            assert response.status_code == 200 and response.content.startswith(start), (page, kind)
            assert f'.{kind}"' in response["Content-Disposition"]


def test_the_date_line_names_the_agency_place_from_its_data(tree, history, tmp_path):
    district = tree["district"]
    district.place_name = "Thị trấn Tân Biên"  # the data wins over the name "UBND huyện Tân Biên"
    district.save()
    report = periodic_report(district, period("quarter", 2025, 1), AFTER)
    table = periodic_table(report)
    signed = date(2025, 4, 15)
    path = tmp_path / "bieu06.pdf"
    path.write_bytes(to_pdf(table, signed_on=signed))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Thị trấn Tân Biên, ngày 15 tháng 04 năm 2025" in text
    assert "......, ngày" not in text
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table, signed_on=signed)))
    cells = [v for row in book[SHEET].iter_rows(values_only=True) for v in row if v]
    assert "Thị trấn Tân Biên, ngày 15 tháng 04 năm 2025" in cells
