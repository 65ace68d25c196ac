"""GET /api/v1/calendar/deadline and GET /api/v1/calendar/{year}."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_computes_the_deadline(client):
    response = client.get(
        "/api/v1/calendar/deadline",
        {"start": "2025-01-24T09:00", "quantity": "1", "unit": "working_days"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2025-02-03T09:00:00+07:00"
    assert body["start"] == "2025-01-24T09:00:00+07:00"
    assert (body["quantity"], body["unit"], body["agency"], body["cutoff"]) == (
        "1",
        "working_days",
        None,
        None,
    )


def test_the_api_applies_the_cutoff_and_the_agency(client, tree):
    response = client.get(
        "/api/v1/calendar/deadline",
        {
            "start": "2025-01-24T15:30+07:00",
            "quantity": "0",
            "unit": "working_days",
            "cutoff": "15:00",
            "agency": tree["commune_a"].code,
        },
    )
    assert response.status_code == 200
    assert response.json()["due"] == "2025-02-03T17:00:00+07:00"
    assert response.json()["agency"] == tree["commune_a"].code


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "hôm qua", "quantity": "1", "unit": "working_days"}, "ISO 8601"),
        ({"start": "2025-01-24T09:00", "quantity": "-1", "unit": "working_days"}, "negative"),
        ({"start": "2025-01-24T09:00", "quantity": "một", "unit": "working_days"}, "number"),
        ({"start": "2025-01-24T09:00", "quantity": "1", "unit": "weeks"}, "unknown unit"),
        (
            {"start": "2025-01-24T09:00", "quantity": "1", "unit": "working_days", "cutoff": "3pm"},
            "cutoff",
        ),
        ({"start": "2999-01-24T09:00", "quantity": "1", "unit": "working_days"}, "outside"),
    ],
)
def test_the_api_refuses_bad_input_with_400_and_a_reason(client, params, message):
    response = client.get("/api/v1/calendar/deadline", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_the_api_answers_404_for_an_unknown_agency_or_year(client):
    response = client.get(
        "/api/v1/calendar/deadline",
        {"start": "2025-01-24T09:00", "quantity": "1", "unit": "working_days", "agency": "X"},
    )
    assert response.status_code == 404
    assert "unknown agency" in response.json()["detail"]
    assert client.get("/api/v1/calendar/2050").status_code == 404


def test_the_api_lists_a_years_holidays_and_extra_working_days(client):
    response = client.get("/api/v1/calendar/2025")
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2025 and body["hours_per_day"] == 8
    holidays = {day["date"]: day for day in body["holidays"]}
    assert holidays["2025-09-02"]["name"] == "Quốc khánh"
    assert holidays["2025-09-02"]["weekday"] == "Thứ Ba"
    assert holidays["2025-09-02"]["effective"] is True
    assert holidays["2025-02-01"]["effective"] is False  # Mùng bốn Tết on a Saturday
    assert [day["date"] for day in body["extra_working_days"]] == ["2025-04-26"]


def test_the_calendar_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/calendar/deadline" in paths
    assert "/api/v1/calendar/{year}" in paths
