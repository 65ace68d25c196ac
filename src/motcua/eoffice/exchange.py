"""Sending documents between agencies: locally, to another installation over a signed API,
or by e-mail through the outbox; and the receipts that come back.

The API (docs/eoffice.md): the sender POSTs a JSON message to `<peer>/eoffice/exchange/
inbox/`; the receiver answers 202 with status 01 (đã đến) and later POSTs status receipts
(03 đã tiếp nhận, 04 đã phân công, 06 hoàn thành) to `<sender>/eoffice/exchange/receipts/`.
Every request carries the sender's agency code, a timestamp and an HMAC-SHA256 of
"timestamp\\nsender\\npath\\nbody" under the key both installations share (a `Peer` row).
"""

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from motcua.notify.outbox import enqueue
from motcua.org.models import Agency

from .errors import InvalidInput, NotAllowed
from .events import record
from .models import (
    Channel,
    Delivery,
    DeliveryStatus,
    DocumentType,
    EventKind,
    IncomingDocument,
    OutgoingDocument,
    Peer,
    Receipt,
)
from .signatures import signature_reports

log = logging.getLogger(__name__)

INBOX = "/eoffice/exchange/inbox/"
RECEIPTS = "/eoffice/exchange/receipts/"
MAX_SKEW = 300  # seconds a signed request stays valid
TIMEOUT = 15
# Receipts move a delivery forward only: a late "01" never undoes an "03".
PROGRESS = [
    DeliveryStatus.PENDING,
    DeliveryStatus.DELIVERED,
    DeliveryStatus.ACCEPTED,
    DeliveryStatus.ASSIGNED,
    DeliveryStatus.DONE,
]


# ---------------------------------------------------------------- signatures


def signature(key: str, timestamp: str, sender: str, path: str, body: bytes) -> str:
    message = f"{timestamp}\n{sender}\n{path}\n".encode() + body
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def _post(peer: Peer, sender: str, path: str, payload: dict) -> dict:
    body = json.dumps(payload, ensure_ascii=False).encode()
    stamp = str(int(time.time()))
    request = urllib.request.Request(
        peer.url.rstrip("/") + path,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Motcua-Sender": sender,
            "X-Motcua-Timestamp": stamp,
            "X-Motcua-Signature": signature(peer.key, stamp, sender, path, body),
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read() or b"{}")


def authenticate(headers, path: str, body: bytes) -> Peer:
    """The peer that signed this request; NotAllowed when the signature does not check."""
    sender = headers.get("X-Motcua-Sender", "")
    stamp = headers.get("X-Motcua-Timestamp", "")
    given = headers.get("X-Motcua-Signature", "")
    peer = Peer.objects.filter(code=sender, active=True).first()
    if peer is None:
        raise NotAllowed(f"Cơ quan gửi {sender!r} chưa được khai báo liên thông.")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > MAX_SKEW:
        raise NotAllowed("Thông điệp quá hạn hoặc thiếu thời điểm ký.")
    if not hmac.compare_digest(signature(peer.key, stamp, sender, path, body), given):
        raise NotAllowed("Chữ ký thông điệp không đúng.")
    return peer


# ---------------------------------------------------------------- sending


def dispatch(document: OutgoingDocument, user) -> list[Delivery]:
    """Queue one delivery per recipient of a just-released document (in its transaction):
    agencies of this installation get it at once, other installations after commit, e-mail
    addresses through the outbox."""
    now = timezone.now()
    deliveries = []
    for agency in document.recipient_agencies.all():
        peer = Peer.objects.filter(code=agency.code, active=True).first()
        delivery = Delivery.objects.create(
            document=document, agency=agency, peer=peer, updated_at=now
        )
        if peer is None:
            _receive_locally(delivery)
        else:
            transaction.on_commit(lambda d=delivery: deliver(d))
        deliveries.append(delivery)
    for address in dict.fromkeys(document.recipient_emails.split()):
        delivery = Delivery.objects.create(
            document=document, email=address, status=DeliveryStatus.SENT, updated_at=now
        )
        enqueue(
            template="eoffice_document",
            context={
                "agency": document.agency.name,
                "symbol": document.symbol,
                "title": document.title,
                "link": reverse("eoffice:public_file", args=[delivery.pk]),
            },
            to_email=address,
        )
        deliveries.append(delivery)
    names = ", ".join(d.recipient for d in deliveries)
    record(EventKind.DELIVER, user, outgoing=document, note=f"Gửi: {names}" if names else "")
    return deliveries


def _message(delivery: Delivery) -> dict:
    document = delivery.document
    with document.file.open("rb") as file:
        pdf = file.read()
    return {
        "id": str(delivery.pk),
        "from": {"code": document.agency.code, "name": document.agency.name},
        "to": {"code": delivery.agency.code if delivery.agency else delivery.peer.code},
        "document": {
            "symbol": document.symbol,
            "type": document.document_type.name,
            "issued_on": timezone.localtime(document.released_at).date().isoformat(),
            "title": document.title,
            "signer": f"{document.signer_title} {document.signer.get_full_name()}".strip(),
            "urgency": document.urgency,
            "confidentiality": document.confidentiality,
        },
        "pdf": base64.b64encode(pdf).decode(),
    }


def _receive_locally(delivery: Delivery) -> None:
    document = delivery.document
    with document.file.open("rb") as file:
        pdf = file.read()
    accept(
        _message(delivery)["document"],
        delivery.agency,
        document.agency.name,
        document.agency.code,
        delivery.pk,
        pdf,
    )
    delivery.status = DeliveryStatus.DELIVERED
    delivery.save(update_fields=["status"])


def deliver(delivery: Delivery) -> bool:
    """Post one delivery to its peer; True when the peer took it. A failure stays pending
    with its error, for `motcua eoffice deliver` to try again."""
    delivery = Delivery.objects.select_related("document__agency", "peer", "agency").get(
        pk=delivery.pk
    )
    try:
        answer = _post(delivery.peer, delivery.document.agency.code, INBOX, _message(delivery))
        status, error = answer.get("status", DeliveryStatus.DELIVERED), ""
    except (urllib.error.URLError, OSError, ValueError) as problem:
        status, error = DeliveryStatus.PENDING, str(problem)[:500]
        log.warning("delivery %s to %s failed: %s", delivery.pk, delivery.peer.url, error)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        delivery.attempts += 1
        delivery.last_error = error
        _advance(delivery, status)
    return not error


def deliver_pending() -> int:
    """Try every delivery and receipt still pending; returns how many went through."""
    pending = Delivery.objects.filter(status=DeliveryStatus.PENDING, peer__isnull=False)
    receipts = Receipt.objects.filter(sent_at__isnull=True).select_related("peer")
    return sum(deliver(delivery) for delivery in pending) + sum(send(r) for r in receipts)


def _advance(delivery: Delivery, status: str) -> bool:
    """Save `delivery` with `status` if that is a step forward; True when it moved."""
    current = PROGRESS.index(delivery.status) if delivery.status in PROGRESS else len(PROGRESS)
    moved = status == DeliveryStatus.REJECTED or (
        status in PROGRESS and PROGRESS.index(status) > current
    )
    if moved:
        delivery.status = status
    delivery.updated_at = timezone.now()
    delivery.save()
    return moved


# ---------------------------------------------------------------- receiving


def accept(
    meta: dict, agency: Agency, sender_name: str, sender_code: str, message_id, pdf: bytes
) -> IncomingDocument:
    """File a document that arrived for `agency` as received (waiting for the clerk to
    register it); a message that arrives twice is filed once."""
    existing = IncomingDocument.objects.filter(agency=agency, exchange_id=message_id).first()
    if existing is not None:
        return existing
    try:
        issued_on = date.fromisoformat(meta["issued_on"])
        symbol, title = meta["symbol"].strip(), meta["title"].strip()
    except (KeyError, ValueError, AttributeError) as error:
        raise InvalidInput(f"Thông điệp thiếu hoặc sai thông tin văn bản: {error}") from error
    document = IncomingDocument(
        agency=agency,
        channel=Channel.EXCHANGE,
        received_at=timezone.now(),
        sender_name=sender_name,
        sender_code=sender_code,
        symbol=symbol,
        issued_on=issued_on,
        document_type=DocumentType.objects.filter(name=meta.get("type", "")).first(),
        title=title,
        signer=meta.get("signer", ""),
        urgency=meta.get("urgency", "normal"),
        confidentiality=meta.get("confidentiality", "normal"),
        signatures=signature_reports(pdf),
        exchange_id=message_id,
    )
    document.file.save("van-ban-den.pdf", ContentFile(pdf), save=False)
    document.save()
    record(EventKind.RECEIVE, None, incoming=document, note=f"Nhận liên thông từ {sender_name}")
    return document


@transaction.atomic
def accept_message(peer: Peer, payload: dict) -> IncomingDocument:
    """The inbox of this installation: a message a peer signed (checked by the caller)."""
    try:
        message_id = uuid.UUID(payload["id"])
        sender = payload["from"]
        to_code = payload["to"]["code"]
        pdf = base64.b64decode(payload["pdf"], validate=True)
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput(f"Thông điệp không đúng cấu trúc: {error}") from error
    if sender.get("code") != peer.code:
        raise NotAllowed("Cơ quan gửi trong thông điệp khác cơ quan đã ký thông điệp.")
    agency = Agency.objects.in_force().filter(code=to_code).first()
    if agency is None:
        raise InvalidInput(f"Không có cơ quan nhận mã {to_code} trên hệ thống này.")
    if not pdf.startswith(b"%PDF"):
        raise InvalidInput("Tệp đính kèm không phải PDF.")
    return accept(
        payload["document"], agency, sender.get("name", peer.name), peer.code, message_id, pdf
    )


def send_receipt(document: IncomingDocument, status: str, user) -> None:
    """Tell the sender how far `document` got: at once when it was sent from this
    installation, after commit over the API when it came from a peer."""
    if document.exchange_id is None:
        return
    local = Delivery.objects.filter(pk=document.exchange_id).first()
    if local is not None:
        _record_receipt(local, status, user.get_full_name() if user else "")
        return
    peer = Peer.objects.filter(code=document.sender_code, active=True).first()
    if peer is None:
        return
    payload = {
        "id": str(document.exchange_id),
        "status": str(status),
        "at": timezone.now().isoformat(),
        "by": f"{document.agency.name}: {user.get_full_name() if user else ''}".strip(": "),
        "number": document.number,
    }
    receipt = Receipt.objects.create(
        peer=peer, sender=document.agency.code, payload=payload, created_at=timezone.now()
    )
    transaction.on_commit(lambda: send(receipt))


def send(receipt: Receipt) -> bool:
    """Post one receipt to its peer; a failure keeps it for the next try."""
    try:
        _post(receipt.peer, receipt.sender, RECEIPTS, receipt.payload)
        error = ""
    except (urllib.error.URLError, OSError, ValueError) as problem:
        error = str(problem)[:500]
        log.warning("receipt %s to %s failed: %s", receipt.pk, receipt.peer.url, error)
    Receipt.objects.filter(pk=receipt.pk).update(
        attempts=F("attempts") + 1,
        last_error=error,
        sent_at=None if error else timezone.now(),
    )
    return not error


def _record_receipt(delivery: Delivery, status: str, by: str) -> None:
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if _advance(delivery, status):
        label = DeliveryStatus(status).label
        record(
            EventKind.RECEIPT,
            None,
            outgoing=delivery.document,
            note=f"{delivery.recipient}: {label}. {by}".strip(),
        )


@transaction.atomic
def accept_receipt(peer: Peer, payload: dict) -> Delivery:
    """A receipt a peer signed for one of our deliveries."""
    try:
        delivery = Delivery.objects.filter(pk=uuid.UUID(payload["id"]), peer=peer).first()
        status = payload["status"]
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput(f"Báo nhận không đúng cấu trúc: {error}") from error
    if delivery is None:
        raise InvalidInput("Không có văn bản đã gửi với mã này tới cơ quan báo nhận.")
    if status not in DeliveryStatus.values:
        raise InvalidInput(f"Trạng thái báo nhận không hợp lệ: {status}")
    _record_receipt(delivery, status, str(payload.get("by", ""))[:200])
    return delivery
