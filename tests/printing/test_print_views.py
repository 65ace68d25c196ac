"""The print URLs: who may print what, and what comes back."""

import pytest
from django.urls import reverse

from motcua.org.models import Role
from motcua.printing.models import FormTemplate
from motcua.printing.shipped import SHIPPED


def form_url(dossier, form: str) -> str:
    return reverse("printing:dossier_form", args=[dossier.code, form])


def test_urls_are_under_print():
    assert reverse("printing:dossier_form", args=["000.21.21.H56-250303-0001", "01"]) == (
        "/print/dossiers/000.21.21.H56-250303-0001/01.pdf"
    )
    assert reverse("printing:tracking_book") == "/print/book.pdf"


def test_anonymous_users_are_sent_to_log_in(client, received, settings):
    url = form_url(received, "01")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)


def test_staff_of_the_commune_print_the_receipt_inline(client, received, staff, read_pdf):
    client.force_login(staff["receiver"])

    response = client.get(form_url(received, "01"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="000.21.21.H56-250303-0001-mau-01.pdf"'
    )
    assert "Trần Văn Bình" in read_pdf(response.content).words


def test_staff_of_another_commune_find_nothing(client, received, staff):
    client.force_login(staff["other_receiver"])

    assert client.get(form_url(received, "01")).status_code == 404


def test_staff_of_the_district_see_the_communes_dossiers(client, received, make_user, tree):
    client.force_login(make_user("leader.district", (Role.REPORTER, tree["district"])))

    # A form that does not apply answers 409, not 404: the dossier is visible.
    assert client.get(form_url(received, "04")).status_code == 409


def test_a_form_that_does_not_apply_answers_409_with_the_reason(client, received, staff):
    client.force_login(staff["handler"])

    response = client.get(form_url(received, "03"))

    assert response.status_code == 409
    assert "Hồ sơ không bị từ chối nên không có Phiếu từ chối." in response.content.decode()


@pytest.mark.parametrize("form", ["08", "1", "2025-01"])
def test_unknown_forms_are_not_found(client, received, staff, form):
    client.force_login(staff["receiver"])

    assert client.get(form_url(received, form)).status_code == 404


@pytest.mark.parametrize(
    ("form", "message"),
    [("06", "không in theo từng hồ sơ"), ("07", "01/2018/TT-VPCP không có mẫu số 07")],
)
def test_forms_that_are_not_a_dossiers_own_say_why(client, received, staff, form, message):
    client.force_login(staff["receiver"])

    response = client.get(form_url(received, form))

    assert response.status_code == 409 and message in response.content.decode()


def test_the_tracking_book_accepts_vietnamese_and_iso_dates(client, received, staff, read_pdf):
    client.force_login(staff["receiver"])

    response = client.get(
        reverse("printing:tracking_book"),
        {"agency": "000.21.21.H56", "from": "01/03/2025", "to": "2025-03-31"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="so-theo-doi-000.21.21.H56-20250301-20250331.pdf"'
    )
    assert received.code in read_pdf(response.content).words


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"agency": "000.22.21.H56", "from": "01/03/2025", "to": "31/03/2025"}, 404),
        ({"agency": "000.21.21.H56", "from": "31/02/2025", "to": "31/03/2025"}, 400),
        ({"agency": "000.21.21.H56", "from": "31/03/2025", "to": "01/03/2025"}, 400),
        ({"agency": "000.21.21.H56"}, 400),
    ],
)
def test_the_tracking_book_refuses_other_agencies_and_bad_periods(client, staff, query, status):
    client.force_login(staff["receiver"])

    assert client.get(reverse("printing:tracking_book"), query).status_code == status


def test_an_administrator_edit_changes_the_printed_form(admin_client, received, read_pdf):
    template = FormTemplate.objects.get(code="01")
    edited = template.body.replace("GIẤY TIẾP NHẬN HỒ SƠ", "GIẤY BIÊN NHẬN HỒ SƠ")
    change = reverse("admin:printing_formtemplate_change", args=[template.pk])

    response = admin_client.post(
        change,
        {
            "code": "01",
            "name": template.name,
            "circular": template.circular,
            "paper": "A5",
            "body": edited,
        },
    )

    assert response.status_code == 302
    text = read_pdf(admin_client.get(form_url(received, "01")).content).words
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ" not in text


def test_restoring_puts_back_the_shipped_form(admin_client):
    template = FormTemplate.objects.get(code="02")
    template.body = "sửa tay"
    template.save()

    admin_client.post(
        reverse("admin:printing_formtemplate_changelist"),
        {"action": "restore_shipped", "_selected_action": [template.pk]},
    )

    template.refresh_from_db()
    assert template.body == SHIPPED["02"].body


def test_the_admin_refuses_a_template_that_does_not_compile(admin_client):
    template = FormTemplate.objects.get(code="03")

    response = admin_client.post(
        reverse("admin:printing_formtemplate_change", args=[template.pk]),
        {
            "code": "03",
            "name": template.name,
            "circular": template.circular,
            "paper": "A5",
            "body": "{% if %}",
        },
    )

    assert response.status_code == 200
    assert "Mẫu có lỗi cú pháp" in response.content.decode()
    template.refresh_from_db()
    assert template.body == SHIPPED["03"].body
