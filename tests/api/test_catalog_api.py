import pytest


@pytest.fixture
def catalog(make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn")
    make_procedure("1.001193", "Đăng ký khai sinh", days=0, boundary_free=True)
    for i in range(25):
        make_procedure(f"9.{i:06d}", f"Thủ tục thử nghiệm số {i}", field=("TN", "Thử nghiệm"))


def test_procedures_are_searched_and_ranked(client, catalog):
    response = client.get("/api/v1/procedures", {"q": "dang ky ket hon"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2  # "Đăng ký khai sinh" holds two of the words
    assert body["items"][1]["name"] == "Đăng ký khai sinh"
    first = body["items"][0]
    assert (first["code"], first["name"], first["field"]["name"]) == (
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
    )


def test_procedure_lists_are_paginated(client, catalog):
    first = client.get("/api/v1/procedures", {"field": "TN"}).json()
    second = client.get("/api/v1/procedures", {"field": "TN", "page": 2}).json()
    assert first["count"] == 25
    assert len(first["items"]) == 20
    assert len(second["items"]) == 5
    assert not {p["code"] for p in first["items"]} & {p["code"] for p in second["items"]}


def test_procedure_detail_has_documents_and_steps(client, catalog):
    body = client.get("/api/v1/procedures/1.001193").json()
    assert body["name"] == "Đăng ký khai sinh"
    assert [d["name"] for d in body["documents"]] == ["Tờ khai", "Giấy tờ tùy thân"]
    assert [s["role"] for s in body["steps"]] == ["receiver", "handler", "approver", "returner"]
    assert body["agency_kinds"] == ["commune"]
    assert body["boundary_free"] is True
    assert client.get("/api/v1/procedures/1.000894").json()["boundary_free"] is False


def test_unknown_procedure_is_a_json_404(client, catalog):
    response = client.get("/api/v1/procedures/0.000000")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_bad_parameters_are_a_json_error_with_a_message(client, catalog):
    response = client.get("/api/v1/procedures", {"page": "abc"})
    assert response.status_code == 422
    assert "Dữ liệu không hợp lệ" in response.json()["detail"]


def test_fields_are_listed(client, catalog):
    body = client.get("/api/v1/fields").json()
    assert {f["code"] for f in body["items"]} == {"HT", "TN"}
    assert client.get("/api/v1/fields/HT").json() == {"code": "HT", "name": "Hộ tịch"}


def test_agencies_are_searched_without_accents(client, tree):
    body = client.get("/api/v1/agencies", {"q": "tan lap"}).json()
    assert [a["code"] for a in body["items"]] == ["000.21.21.H56"]
    agency = body["items"][0]
    assert agency == {
        "code": "000.21.21.H56",
        "name": "UBND xã Tân Lập",
        "kind": "commune",
        "parent": "000.00.21.H56",
        "address": "",
        "phone": "",
        "email": "",
        "valid_from": None,
        "valid_to": None,
        "successors": [],
    }


def test_agencies_filter_by_kind_and_parent(client, tree):
    communes = client.get("/api/v1/agencies", {"kind": "commune"}).json()
    assert communes["count"] == 2
    children = client.get("/api/v1/agencies", {"parent": "000.00.21.H56"}).json()
    assert children["count"] == 3
    assert client.get("/api/v1/agencies/000.00.00.H56").json()["parent"] is None


def test_openapi_document_is_served(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/procedures" in spec["paths"]
    assert "/api/v1/agencies" in spec["paths"]
