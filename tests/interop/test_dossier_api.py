import json

import pytest
from django.core.management import call_command

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.interop.clients import create_client
from motcua.interop.models import ApiCall

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def post(client, body, key="key-1", **headers):
    return client.post(
        "/api/v1/dossiers",
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def test_a_dossier_is_filed_with_its_code_and_status(client, bearer, dossier_body):
    response = post(client, dossier_body, **bearer)
    assert response.status_code == 201
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code
    assert (body["status"], body["external_id"], body["channel"]) == (
        "submitted",
        "TINH-2025-0001",
        "online",
    )
    assert dossier.events.get().actor_name == "API cong-tinh"


def test_the_same_idempotency_key_answers_the_same_dossier(client, bearer, dossier_body):
    first = post(client, dossier_body, **bearer)
    again = post(client, dossier_body, **bearer)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    assert Dossier.objects.count() == 1
    other = post(client, dossier_body, key="key-2", **bearer)
    assert other.status_code == 201
    assert Dossier.objects.count() == 2


def test_a_key_reused_for_another_body_is_refused(client, bearer, dossier_body):
    post(client, dossier_body, **bearer)
    changed = dict(dossier_body, external_id="TINH-2025-0002")
    response = post(client, changed, **bearer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert Dossier.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"procedure": "9.999999"}, ["body", "procedure"]),
        ({"agency": "nope"}, ["body", "agency"]),
        ({"applicant": {"name": "Bình", "id_number": "12"}}, ["body", "applicant", "id_number"]),
        (
            {"applicant": {"name": "Bình", "id_number": "072095001234", "phone": "12"}},
            ["body", "applicant", "phone"],
        ),
        ({"channel": "counter"}, ["body", "body", "channel"]),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, bearer, dossier_body, change, location):
    response = post(client, dossier_body | change, **bearer)
    assert response.status_code == 422
    assert location in [e["loc"] for e in response.json()["errors"]]
    assert not Dossier.objects.exists()


def test_without_a_token_it_is_401_and_with_a_revoked_one_too(client, api_client, dossier_body):
    assert post(client, dossier_body).status_code == 401
    call_command("apiclient", "revoke", "cong-tinh")
    response = post(client, dossier_body, HTTP_AUTHORIZATION=f"Bearer {api_client[1]}")
    assert response.status_code == 401
    assert not Dossier.objects.exists()


def test_a_read_only_token_may_not_file(client, tree, dossier_body):
    _, token = create_client("doc", agency=tree["district"], scopes=["read"])
    response = post(client, dossier_body, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403


def test_another_agency_token_sees_nothing(client, tree, bearer, dossier_body):
    code = post(client, dossier_body, **bearer).json()["code"]
    _, token = create_client("xa-b", agency=tree["commune_b"], scopes=["read", "write"])
    other = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for suffix in ("", "/events", "/documents", "/result"):
        assert client.get(f"/api/v1/dossiers/{code}{suffix}", **other).status_code == 404
    assert client.get(f"/api/v1/dossiers/{code}", **bearer).status_code == 200
    assert client.get(f"/api/v1/dossiers/{code}").status_code == 401
    refused = post(client, dossier_body, key="k-b", **other)
    assert refused.status_code == 422


def test_documents_are_uploaded_with_content_checks(client, bearer, dossier_body):
    code = post(client, dossier_body, **bearer).json()["code"]
    url = f"/api/v1/dossiers/{code}/documents"
    bad = client.post(url, {"file": _upload(b"MZ not a pdf"), "document_order": 1}, **bearer)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["form", "file"]
    good = client.post(url, {"file": _upload(PDF), "document_order": 1}, **bearer)
    assert good.status_code == 201
    assert good.json()["content_type"] == "application/pdf"
    listed = client.get(url, **bearer).json()
    assert listed["required"][0]["received"] is True
    assert [f["name"] for f in listed["files"]] == ["to-khai.pdf"]


def test_events_and_result_follow_the_dossier(client, bearer, dossier_body, staff):
    code = post(client, dossier_body, **bearer).json()["code"]
    client.post(
        f"/api/v1/dossiers/{code}/documents",
        {"file": _upload(PDF), "document_order": 1},
        **bearer,
    )
    assert client.get(f"/api/v1/dossiers/{code}/result", **bearer).status_code == 404
    dossier = Dossier.objects.get(code=code)
    dossier = lifecycle.accept(dossier, actor=staff["receiver"])
    dossier = lifecycle.forward(dossier, actor=staff["receiver"])
    lifecycle.attach_file(
        dossier, actor=staff["handler"], kind="result", content=PDF, name="giay-khai-sinh.pdf"
    )
    dossier = lifecycle.forward(dossier, actor=staff["handler"])
    lifecycle.approve(dossier, actor=staff["approver"])
    events = client.get(f"/api/v1/dossiers/{code}/events", **bearer).json()
    assert [e["kind"] for e in events] == [
        "submit",
        "attach_file",
        "accept",
        "forward",
        "attach_file",
        "forward",
        "approve",
    ]
    result = client.get(f"/api/v1/dossiers/{code}/result", **bearer)
    assert result.status_code == 200
    assert result["Content-Type"] == "application/pdf"
    assert b"".join(result.streaming_content).startswith(b"%PDF")


def test_every_call_with_a_token_is_logged(client, api_client, bearer, dossier_body):
    post(client, dossier_body, **bearer)
    client.get("/api/v1/dossiers/nope", **bearer)
    client.get("/api/v1/dossiers/nope", HTTP_AUTHORIZATION="Bearer mct_wrong")
    calls = list(ApiCall.objects.order_by("pk").values_list("client__name", "method", "status"))
    assert calls == [("cong-tinh", "POST", 201), ("cong-tinh", "GET", 404), (None, "GET", 401)]


def test_the_command_prints_the_token_last(tree, capsys):
    call_command(
        "apiclient",
        "create",
        "lgsp",
        "--agency",
        tree["district"].code,
        "--scope",
        "read",
        "--scope",
        "write",
    )
    token = capsys.readouterr().out.strip().splitlines()[-1]
    from motcua.interop.clients import authenticate

    assert authenticate(token).scopes == ["read", "write"]


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("to-khai.pdf", content)
