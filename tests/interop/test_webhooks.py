import json
from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.interop.webhooks import signed_headers, verify
from motcua.notify import worker
from motcua.notify.models import Message, Status

SECRET = "s" * 40


@pytest.fixture
def subscribed(client, bearer, simulator):
    """A subscriber process registered through the API for the district's events."""
    subscriber = simulator("subscriber", "--secret", SECRET)
    response = client.post(
        "/api/v1/webhooks",
        json.dumps({"url": subscriber.url + "/hooks", "secret": SECRET}),
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 201
    return subscriber


def file_and_handle(client, bearer, dossier_body, staff):
    response = client.post(
        "/api/v1/dossiers",
        json.dumps(dossier_body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="w1",
        **bearer,
    )
    dossier = Dossier.objects.get(code=response.json()["code"])
    lifecycle.request_supplement(
        dossier, actor=staff["receiver"], note="Thiếu tờ khai", items=["Tờ khai"]
    )
    return dossier


def test_events_reach_the_subscriber_signed_and_in_order(
    client, bearer, dossier_body, staff, subscribed
):
    dossier = file_and_handle(client, bearer, dossier_body, staff)
    worker.run_once()
    received = subscribed.get("/_sim/received")
    assert received["refused"] == 0
    assert [e["event"]["kind"] for e in received["received"]] == ["submit", "request_supplement"]
    assert received["received"][0]["dossier"]["code"] == dossier.code


def test_a_subscriber_down_for_an_hour_loses_nothing(
    client, bearer, dossier_body, staff, subscribed
):
    subscribed.stop()
    dossier = file_and_handle(client, bearer, dossier_body, staff)
    start = timezone.now()
    for minute in range(0, 61):
        worker.run_once(now=start + timedelta(minutes=minute))
    first, second = Message.objects.filter(channel="webhook").order_by("pk")
    assert first.status == Status.PENDING and first.attempts == 6
    assert second.attempts == 0  # waits behind the first: order per dossier
    subscribed.start()
    worker.run_once(now=start + timedelta(hours=3))
    assert set(Message.objects.filter(channel="webhook").values_list("status", flat=True)) == {
        Status.SENT
    }
    kinds = [e["event"]["kind"] for e in subscribed.get("/_sim/received")["received"]]
    assert kinds == ["submit", "request_supplement"]
    assert dossier.events.count() == 2


def test_a_forged_or_replayed_delivery_is_refused():
    body = b'{"id": "x"}'
    headers = signed_headers(SECRET, body, timestamp=1_741_000_000)
    stamp, signature = headers["X-Motcua-Timestamp"], headers["X-Motcua-Signature"]
    assert verify(SECRET, body, stamp, signature, now=1_741_000_100)
    assert not verify(SECRET, body + b" ", stamp, signature, now=1_741_000_100)
    assert not verify("t" * 40, body, stamp, signature, now=1_741_000_100)
    assert not verify(SECRET, body, stamp, signature, now=1_741_000_000 + 301)


def test_other_agencies_events_are_not_sent(client, tree, staff, receive, simulator):
    from motcua.interop.clients import create_client
    from motcua.interop.webhooks import subscribe

    other, _ = create_client("xa-b", agency=tree["commune_b"], scopes=["read", "write"])
    subscribe(other, url="http://127.0.0.1:9/hooks")
    receive()  # at commune A
    assert not Message.objects.filter(channel="webhook").exists()


def test_subscriptions_are_listed_and_removed(client, bearer):
    created = client.post(
        "/api/v1/webhooks",
        json.dumps({"url": "https://he-thong.example.vn/hooks"}),
        content_type="application/json",
        **bearer,
    ).json()
    assert len(created["secret"]) == 64
    assert [s["id"] for s in client.get("/api/v1/webhooks", **bearer).json()] == [created["id"]]
    assert client.delete(f"/api/v1/webhooks/{created['id']}", **bearer).status_code == 204
    assert client.get("/api/v1/webhooks", **bearer).json() == []
    assert client.delete(f"/api/v1/webhooks/{created['id']}", **bearer).status_code == 404
    bad = client.post(
        "/api/v1/webhooks",
        json.dumps({"url": "ftp://x.example.vn/"}),
        content_type="application/json",
        **bearer,
    )
    assert bad.status_code == 422


def test_a_removed_subscription_gets_nothing_from_the_next_event(client, bearer, receive):
    created = client.post(
        "/api/v1/webhooks",
        json.dumps({"url": "https://he-thong.example.vn/hooks"}),
        content_type="application/json",
        **bearer,
    ).json()
    receive()
    assert Message.objects.filter(channel="webhook").count() == 1
    assert client.delete(f"/api/v1/webhooks/{created['id']}", **bearer).status_code == 204
    receive()  # the subscriptions were kept in this process: the removal must show
    assert Message.objects.filter(channel="webhook").count() == 1
