"""Exchange between agencies: inside one installation at once, with another installation
over the signed API (inbox, receipts), and the receipts that move a delivery forward."""

import base64
import json
import time
import uuid

import pytest
from django.urls import reverse

from motcua.eoffice import exchange, incoming, outgoing
from motcua.eoffice.models import DeliveryStatus, IncomingStatus, Peer, Receipt

KEY = "khoa-chung-thu-nghiem-32-ky-tu-ab"


def post_signed(client, path, payload, *, sender, key=KEY, stamp=None):
    body = json.dumps(payload).encode()
    stamp = stamp or str(int(time.time()))
    return client.post(
        path,
        data=body,
        content_type="application/json",
        headers={
            "X-Motcua-Sender": sender,
            "X-Motcua-Timestamp": stamp,
            "X-Motcua-Signature": exchange.signature(key, stamp, sender, path, body),
        },
    )


@pytest.fixture
def province_peer(db):
    return Peer.objects.create(
        code="000.00.00.H56", name="UBND tỉnh Tây Ninh", url="http://127.0.0.1:9", key=KEY
    )


def message(signed_pdf, to="000.00.21.H56"):
    return {
        "id": str(uuid.uuid4()),
        "from": {"code": "000.00.00.H56", "name": "UBND tỉnh Tây Ninh"},
        "to": {"code": to},
        "document": {
            "symbol": "300/UBND-KSTT",
            "type": "Công văn",
            "issued_on": "2026-03-04",
            "title": "Về việc rà soát thủ tục hành chính",
            "signer": "Phó Chủ tịch Nguyễn Văn Mười",
            "urgency": "urgent",
        },
        "pdf": base64.b64encode(signed_pdf).decode(),
    }


def test_the_inbox_files_a_signed_message_once(client, office, province_peer, signed_pdf):
    payload = message(signed_pdf)
    path = reverse("eoffice:exchange_inbox")
    first = post_signed(client, path, payload, sender=province_peer.code)
    again = post_signed(client, path, payload, sender=province_peer.code)
    assert first.status_code == again.status_code == 202
    assert first.json()["status"] == "01"
    [document] = office["district"].incoming_documents.all()
    assert document.status == IncomingStatus.RECEIVED and document.number is None
    assert document.symbol == "300/UBND-KSTT" and document.urgency == "urgent"
    assert document.signatures[0]["ok"]


@pytest.mark.parametrize(
    ("sender", "key", "stamp", "reason"),
    [
        ("000.99.99.H56", KEY, None, "chưa được khai báo"),
        ("000.00.00.H56", "khoa-sai-khoa-sai-khoa-sai", None, "không đúng"),
        ("000.00.00.H56", KEY, "1000000000", "quá hạn"),
    ],
)
def test_the_inbox_refuses_what_it_cannot_trust(
    client, office, province_peer, signed_pdf, sender, key, stamp, reason
):
    response = post_signed(
        client,
        reverse("eoffice:exchange_inbox"),
        message(signed_pdf),
        sender=sender,
        key=key,
        stamp=stamp,
    )
    assert response.status_code == 403
    assert reason in response.json()["error"]
    assert not office["district"].incoming_documents.exists()


def test_a_message_for_an_unknown_agency_is_refused(client, office, province_peer, signed_pdf):
    response = post_signed(
        client,
        reverse("eoffice:exchange_inbox"),
        message(signed_pdf, to="999.99.99.X00"),
        sender=province_peer.code,
    )
    assert response.status_code == 400
    assert "Không có cơ quan nhận" in response.json()["error"]


def test_within_one_installation_the_commune_receives_and_acknowledges(office, make_approved):
    document = outgoing.release(
        make_approved(recipient_agencies=[office["commune_a"]]), office["clerk"]
    )
    delivery = document.deliveries.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    arrived = office["commune_a"].incoming_documents.get()
    assert arrived.symbol == document.symbol and arrived.status == IncomingStatus.RECEIVED
    assert [s["ok"] for s in arrived.signatures] == [True, True]
    incoming.register_received(arrived, office["commune_clerk"])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.ACCEPTED
    receipt = document.events.get(kind="receipt")
    assert "Đã tiếp nhận" in receipt.note and "Phạm Thị Hoa" in receipt.note


def test_receipts_from_a_peer_move_the_delivery_forward_only(client, office, make_approved):
    peer = Peer.objects.create(
        code=office["commune_a"].code, name="UBND xã Tân Lập", url="http://127.0.0.1:9", key=KEY
    )
    document = outgoing.release(
        make_approved(recipient_agencies=[office["commune_a"]]), office["clerk"]
    )
    delivery = document.deliveries.get()
    assert delivery.peer == peer
    # sent after commit; the peer at 127.0.0.1:9 is down: the delivery waits, with its error
    assert exchange.deliver(delivery) is False
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1 and delivery.last_error
    path = reverse("eoffice:exchange_receipts")
    for status, expected in [("03", "03"), ("01", "03"), ("06", "06")]:
        response = post_signed(
            client, path, {"id": str(delivery.pk), "status": status}, sender=peer.code
        )
        assert response.status_code == 200
        delivery.refresh_from_db()
        assert delivery.status == expected
    other = post_signed(client, path, {"id": str(uuid.uuid4()), "status": "03"}, sender=peer.code)
    assert other.status_code == 400


def test_a_receipt_to_a_peer_that_is_down_is_kept_and_sent_later(
    client, office, province_peer, signed_pdf, django_capture_on_commit_callbacks, monkeypatch
):
    post_signed(
        client, reverse("eoffice:exchange_inbox"), message(signed_pdf), sender=province_peer.code
    )
    arrived = office["district"].incoming_documents.get()
    with django_capture_on_commit_callbacks(execute=True):
        incoming.register_received(arrived, office["clerk"])
    receipt = Receipt.objects.get()
    assert receipt.sent_at is None and receipt.attempts == 1 and receipt.last_error
    assert receipt.payload["status"] == "03" and receipt.payload["number"] == 1
    posted = []
    monkeypatch.setattr(exchange, "_post", lambda *args: posted.append(args) or {})
    assert exchange.deliver_pending() == 1
    receipt.refresh_from_db()
    assert receipt.sent_at is not None
    [(peer, sender, path, payload)] = posted
    assert (peer, sender, path) == (province_peer, office["district"].code, exchange.RECEIPTS)
    assert payload["id"] == str(arrived.exchange_id)
    assert exchange.deliver_pending() == 0


def test_the_command_declares_a_peer_and_retries_what_waits(db, monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command(
        "eoffice",
        "peer",
        "--code",
        "000.22.21.H56",
        "--name",
        "UBND xã Tân Lập",
        "--url",
        "http://127.0.0.1:8101",
        "--key",
        KEY,
        stdout=out,
    )
    assert "Đã thêm" in out.getvalue()
    assert Peer.objects.get(code="000.22.21.H56").url == "http://127.0.0.1:8101"
    with pytest.raises(CommandError, match="16 ký tự"):
        call_command(
            "eoffice", "peer", "--code", "x", "--name", "x", "--url", "http://x", "--key", "ngan"
        )
    monkeypatch.setattr(exchange, "deliver_pending", lambda: 3)
    call_command("eoffice", "deliver", stdout=out)
    assert "Đã gửi 3" in out.getvalue()
