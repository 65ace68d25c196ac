"""Administrators change days in the admin or on the year page; deadlines follow."""

from datetime import date, datetime

import pytest
from django.contrib.auth.models import Permission

from motcua.workdays.engine import VIETNAM_TZ, WORKING_DAYS, due, horizon_year
from motcua.workdays.loader import calendar_for
from motcua.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_TET = datetime(2025, 1, 24, 9, tzinfo=VIETNAM_TZ)


def deadline():
    return due(FRIDAY_BEFORE_TET, 1, WORKING_DAYS, calendar_for())


@pytest.fixture
def editor(make_user):
    user = make_user("lich")
    user.user_permissions.add(Permission.objects.get(codename="change_calendarday"))
    return user


def test_an_admin_change_to_a_holiday_changes_the_deadline(admin_client):
    assert deadline() == datetime(2025, 2, 3, 9, tzinfo=VIETNAM_TZ)
    day = CalendarDay.objects.get(date=date(2025, 1, 27))
    response = admin_client.post(
        f"/admin/workdays/calendarday/{day.pk}/change/",
        {"date": "2025-01-27", "is_working": "on", "name": day.name, "source": "thử nghiệm"},
    )
    assert response.status_code == 302
    assert deadline() == datetime(2025, 1, 27, 9, tzinfo=VIETNAM_TZ)
    response = admin_client.post(f"/admin/workdays/calendarday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert deadline() == datetime(2025, 1, 27, 9, tzinfo=VIETNAM_TZ)


def test_the_admin_lists_days_in_vietnamese(admin_client):
    response = admin_client.get("/admin/workdays/calendarday/", {"year": "2025"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày nghỉ, ngày làm bù" in page or "ngày nghỉ, ngày làm bù" in page
    assert "Quốc khánh" in page


def test_the_year_page_shows_twelve_months_and_names_the_days_off(client):
    response = client.get("/calendar/2025/")
    assert response.status_code == 200
    page = response.content.decode()
    assert all(f"Tháng {month}</caption>" in page for month in range(1, 13))
    assert '<abbr title="Chủ nhật">CN</abbr>' in page
    assert 'class="day day--holiday" title="Mùng ba Tết Nguyên Đán"' in page
    assert 'class="day day--extra" title="Làm việc bù cho thứ Sáu 02/05/2025"' in page
    assert "workdays/calendar.css" in page
    assert '<form method="post" action="/calendar/2025/"' not in page


def test_the_year_page_is_only_for_the_calendar_years(client):
    assert client.get("/calendar/2019/").status_code == 404
    assert client.get("/calendar/2025/", {"agency": "không-có"}).status_code == 404


def test_only_editors_may_change_days_on_the_year_page(client, make_user):
    client.force_login(make_user("khach"))
    response = client.post(
        "/calendar/2025/", {"date": "2025-06-02", "is_working": "0", "name": "x"}
    )
    assert response.status_code == 403
    assert not CalendarDay.objects.filter(date=date(2025, 6, 2)).exists()


def test_an_editor_adds_changes_and_removes_a_day_on_the_year_page(client, editor):
    client.force_login(editor)
    page = client.get("/calendar/2025/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    response = client.post(
        "/calendar/2025/",
        {
            "date": "27/01/2025",
            "is_working": "1",
            "name": "Làm việc",
            "source": "",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/calendar/2025/"
    assert deadline() == datetime(2025, 1, 27, 9, tzinfo=VIETNAM_TZ)

    response = client.post("/calendar/2025/", {"date": "2025-01-27", "action": "remove"})
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=date(2025, 1, 27)).exists()
    assert "Đã xóa ngày 27/01/2025" in client.get("/calendar/2025/").content.decode()


def test_the_year_page_explains_errors_in_vietnamese_and_keeps_the_input(client, editor):
    client.force_login(editor)
    response = client.post(
        "/calendar/2025/", {"date": "31/02/2025", "is_working": "0", "name": "", "source": "CV 1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa lưu được" in page
    assert "Ngày không hợp lệ; nhập theo dạng 03/02/2025." in page
    assert 'href="#id_date"' in page
    assert 'value="CV 1"' in page
    response = client.post(
        "/calendar/2025/", {"date": f"{horizon_year() + 1}-01-01", "is_working": "0", "name": "x"}
    )
    assert f"Ngày phải nằm trong các năm 2020–{horizon_year()}." in response.content.decode()
    response = client.post(
        "/calendar/2025/", {"date": "2025-06-02", "is_working": "0", "name": " "}
    )
    assert "Hãy nhập tên ngày" in response.content.decode()
