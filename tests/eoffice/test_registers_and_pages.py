"""The registers exported (XLSX read with openpyxl, PDF read with pdftotext), the pages of
each role, and the staff menu entry shown to e-office roles only."""

import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.eoffice import incoming, outgoing


@pytest.fixture
def history(office, registered, make_approved):
    incoming.assign(registered, office["head"], lead_unit=office["department"], days=5)
    return outgoing.release(make_approved(replies_to=registered), office["clerk"])


def test_the_incoming_register_exports_to_xlsx(client, office, history):
    client.force_login(office["clerk"])
    year = timezone.localdate().year
    response = client.get(
        reverse("eoffice:export", args=["in", "xlsx"]),
        {"agency": office["district"].pk, "year": year},
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == f"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM {year}"
    assert [cell.value for cell in sheet[4]][:4] == ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu"]
    row = [cell.value for cell in sheet[5]]
    assert row[1] == "1" and row[2] == "UBND tỉnh Tây Ninh" and row[3] == "125/UBND-KSTT"
    assert row[8] == f"Trả lời bằng {history.symbol}"


def test_the_outgoing_register_prints_to_pdf(client, office, history, tmp_path):
    client.force_login(office["head"])
    response = client.get(
        reverse("eoffice:export", args=["out", "pdf"]),
        {"agency": office["district"].pk, "year": timezone.localdate().year},
    )
    assert response.status_code == 200
    path = tmp_path / "so-di.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "01/QĐ-UBND" in text
    assert "Võ Văn Thành" in text


def test_registers_of_other_agencies_are_not_exported(client, office, history):
    client.force_login(office["commune_clerk"])
    response = client.get(
        reverse("eoffice:export", args=["in", "xlsx"]), {"agency": office["district"].pk}
    )
    assert response.status_code == 404


def test_the_menu_shows_the_documents_link_to_eoffice_roles_only(client, office):
    client.force_login(office["clerk"])
    assert 'href="/eoffice/"' in client.get(reverse("office:dashboard")).content.decode()
    client.force_login(office["outsider"])
    assert 'href="/eoffice/"' not in client.get(reverse("office:dashboard")).content.decode()
    assert client.get(reverse("eoffice:home")).status_code == 403


def test_each_role_sees_its_work(client, office, registered, make_approved):
    document = make_approved()
    client.force_login(office["head"])
    page = client.get(reverse("eoffice:home")).content.decode()
    assert "Chờ phân công" in page and registered.symbol in page
    client.force_login(office["clerk"])
    page = client.get(reverse("eoffice:home")).content.decode()
    assert "Chờ cấp số, phát hành" in page and document.title in page
    page = client.get(reverse("eoffice:outgoing", args=[document.pk])).content.decode()
    assert "Cấp số, ký số và phát hành" in page


def test_the_upload_form_keeps_what_was_typed_and_says_what_is_wrong(client, office):
    client.force_login(office["clerk"])
    response = client.post(
        reverse("eoffice:incoming_new"),
        {
            "channel": "paper",
            "sender_name": "Sở Nội vụ",
            "symbol": "",
            "issued_on": "31/02/2026",
            "title": "Kiểm tra",
            "urgency": "normal",
            "confidentiality": "normal",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chọn tệp PDF của văn bản." in page
    assert "Nhập số, ký hiệu của văn bản." in page
    assert "dd/mm/yyyy" in page
    assert 'value="Sở Nội vụ"' in page
    assert not office["district"].incoming_documents.exists()


def test_assigning_through_the_page(client, office, registered):
    client.force_login(office["head"])
    url = reverse("eoffice:incoming_act", args=[registered.pk, "assign"])
    bad = client.post(url, {"assign-lead_unit": office["department"].pk, "assign-days": "0"})
    assert bad.status_code == 400
    assert "Thời hạn ít nhất 1 ngày làm việc." in bad.content.decode()
    good = client.post(url, {"assign-lead_unit": office["department"].pk, "assign-days": "5"})
    assert good.status_code == 302
    registered.refresh_from_db()
    assert registered.lead_unit == office["department"] and registered.due_at


def test_a_stale_step_is_refused_with_a_conflict(client, office, make_draft):
    document = make_draft()
    client.force_login(office["handler"])
    url = reverse("eoffice:outgoing_act", args=[document.pk, "submit"])
    assert client.post(url, {"version": document.version}).status_code == 302
    client.force_login(office["head"])
    check = reverse("eoffice:outgoing_act", args=[document.pk, "check"])
    response = client.post(check, {"version": document.version + 5})
    assert response.status_code == 409
    assert "người khác" in response.content.decode()


def test_the_monthly_report_page(client, office, history):
    client.force_login(office["head"])
    page = client.get(reverse("eoffice:report")).content.decode()
    assert "Văn bản đi (phát hành trong tháng)" in page
    assert "trong đó đúng hạn" in page
