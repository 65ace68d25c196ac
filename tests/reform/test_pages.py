"""The reform pages: only the reform office sees them; the plan prints to PDF and XLSX;
the year-end review joins `motcua reports summary`."""

import io
import subprocess
from datetime import date

from django.core.management import call_command
from openpyxl import Workbook, load_workbook
from support import vn

from motcua.reform import plan
from motcua.reform.models import Assessment

PASSWORD = "secret-pass-1"


def _task(the_plan, tree):
    return plan.add_task(
        the_plan,
        number=1,
        area="digital",
        title="Triển khai chữ ký số",
        lead=tree["department"],
        output="Chứng thư số",
        starts_on=date(2022, 3, 1),
        working_days=20,
    )


def test_staff_outside_the_reform_office_get_no_page_and_no_menu_link(
    client, tree, make_user, officer
):
    receiver = make_user("tiepnhan", ("receiver", tree["district"]))
    client.force_login(receiver)
    assert client.get("/office/reform/").status_code == 404
    assert "Cải cách hành chính" not in client.get("/office/").content.decode()
    client.force_login(officer)
    page = client.get("/office/").content.decode()
    assert 'href="/office/reform/"' in page
    assert client.get("/office/reform/").status_code == 200


def test_the_plan_prints_to_pdf_and_exports_to_xlsx(client, tree, officer, the_plan, tmp_path):
    task = _task(the_plan, tree)
    plan.report_progress(task, actor=officer, at=vn(2022, 3, 20, 9), progress=100, note="Xong")
    client.force_login(officer)
    pdf = client.get(f"/office/reform/plans/{the_plan.pk}/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Triển khai chữ ký số" in text and "Đúng hạn" in text
    assert "hoàn thành đúng hạn 1" in text

    xlsx = client.get(f"/office/reform/plans/{the_plan.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    row = [c.value for c in sheet[5]]
    assert row[2] == "Triển khai chữ ký số" and row[7] == 20 and row[12] == "Đúng hạn"
    assert sheet.cell(5, 9).value.date() == date(2022, 3, 28)  # 20 working days from 01/03


def test_the_summary_command_prints_the_reform_review(tree, officer, the_plan, capsys):
    _task(the_plan, tree)
    call_command("reports", "summary", "--agency", tree["district"].code, "--year", "2022")
    out = capsys.readouterr().out
    assert "Năm 2022, UBND huyện Tân Biên tiếp nhận" in out
    assert "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2022" in out
    assert "năm 2022 có 1 nhiệm vụ; đã hoàn thành 0 nhiệm vụ" in out


def test_the_index_page_imports_a_set_and_opens_a_self_assessment(client, tree, officer):
    client.force_login(officer)
    bad = client.post(
        "/office/reform/index/2023/",
        {"year": 2023, "file": io.BytesIO(b"not a workbook")},
    )
    assert bad.status_code == 400 and "Tệp không phải bảng tính XLSX" in bad.content.decode()

    book = Workbook()
    book.active.append(["Mã", "Tiêu chí", "Điểm tối đa", "Số liệu hệ thống"])
    book.active.append(["1", "Cải cách thủ tục hành chính", None, None])
    book.active.append(["1.1", "Hồ sơ đúng hạn", 6, "on_time"])
    content = io.BytesIO()
    book.save(content)
    content.seek(0)
    content.name = "chi-so.xlsx"
    imported = client.post("/office/reform/index/2023/", {"year": 2023, "file": content})
    assert imported.status_code == 302
    assert client.get("/office/reform/index/")["Location"] == "/office/reform/index/2023/"

    opened = client.post("/office/reform/index/2023/", {"start": tree["district"].code})
    record = Assessment.objects.get(agency=tree["district"], year=2023)
    assert opened["Location"] == f"/office/reform/assessments/{record.pk}/"
    page = client.post(opened["Location"], {"action": "measure"}, follow=True).content.decode()
    assert "Số liệu hệ thống" in page and "0/0 hồ sơ giải quyết trước hạn, đúng hạn" in page
