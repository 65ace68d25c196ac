import json

import pytest


@pytest.mark.parametrize("path", ["/api/v1/agencies", "/api/v1/fields", "/api/v1/procedures"])
@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-1", "1000001"])
def test_a_page_number_out_of_bounds_is_a_documented_422(client, db, path, page):
    response = client.get(path, {"page": page})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Dữ liệu không hợp lệ")


def test_a_nul_character_in_a_query_is_a_422_on_every_database(client, db):
    response = client.get("/api/v1/procedures", {"q": "a\x00b"})
    assert response.status_code == 422


def test_every_operation_documents_its_errors(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for operations in paths.values():
        for operation in operations.values():
            assert "422" in operation["responses"]
    assert "404" in paths["/api/v1/agencies/{code}"]["get"]["responses"]
    assert "400" in paths["/api/v1/calendar/deadline"]["get"]["responses"]


def test_the_openapi_document_names_each_status_once(client, db):
    """Ninja keys statuses by number and the error documentation by text; JSON writes both
    as text, so a status documented twice is a duplicated key Swagger UI cannot read."""
    duplicated = []

    def pairs(items):
        keys = [key for key, _ in items]
        duplicated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert duplicated == []
