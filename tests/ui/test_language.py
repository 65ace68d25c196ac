"""The interface speaks Vietnamese only: no language switch, whatever the browser asks for."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_browser_asking_for_english_gets_vietnamese_and_no_switch():
    response = Client(headers={"accept-language": "en-US,en;q=0.9"}).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Ngôn ngữ" not in html and "English" not in html
    assert 'name="language"' not in html


@pytest.mark.django_db
def test_there_is_no_language_setting_endpoint():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 404
