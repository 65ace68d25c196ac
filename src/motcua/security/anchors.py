"""Anchoring the audit trail, and checking everything against it.

`anchor()` (run daily: `motcua audit anchor`) digests every event recorded since the last
anchor (a chained sha256 over their hashes), notes each touched dossier's version and row
fingerprint, and signs the result with the system's key. `verify()` (`motcua audit
verify`) then finds:

- an event changed, inserted or removed (the per-dossier hash chain);
- a dossier whose version or status disagrees with its events (the last event deleted, or
  the status changed directly);
- a dossier row changed without an event, or deleted (the anchored fingerprint);
- events rewritten with recomputed hashes (the anchored digest no longer matches);
- a forged or removed anchor (signature and the anchors' own chain).

>>> anchor().event_count
42
>>> [problem.message for problem in verify()]
[]
"""

import base64
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from motcua.dossiers.events import GENESIS, verify_chain
from motcua.dossiers.models import Dossier, DossierEvent

from . import system_key
from .models import AnchoredDossier, AuditAnchor

# The dossier fields an anchor vouches for: who applied, where, and the state.
FINGERPRINT_FIELDS = (
    "code",
    "procedure_version_id",
    "receiving_agency_id",
    "handling_agency_id",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_birth_date",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_user_id",
    "status",
    "outcome",
    "version",
)


def fingerprint(row: dict) -> str:
    values = {name: row[name] for name in FINGERPRINT_FIELDS}
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _events_digest(prev_digest: str, events) -> str:
    digest = hashlib.sha256(prev_digest.encode())
    for pk, dossier_id, sequence, event_hash in events:
        digest.update(f"\n{pk}:{dossier_id}:{sequence}:{event_hash}".encode())
    return digest.hexdigest()


def _event_rows(first: int, last: int):
    return (
        DossierEvent.objects.filter(pk__gte=first, pk__lte=last)
        .order_by("pk")
        .values_list("pk", "dossier_id", "sequence", "hash")
        .iterator(chunk_size=5000)
    )


def _message(anchor: AuditAnchor) -> bytes:
    """What the signature covers."""
    return (
        f"motcua-audit-anchor|{anchor.day.isoformat()}|{anchor.first_event_id}|"
        f"{anchor.last_event_id}|{anchor.event_count}|{anchor.dossier_count}|"
        f"{anchor.prev_digest}|{anchor.digest}|{_dossiers_digest(anchor)}"
    ).encode()


def _dossiers_digest(anchor: AuditAnchor) -> str:
    digest = hashlib.sha256()
    for dossier_id, version, print_ in anchor.dossiers.order_by("dossier_id").values_list(
        "dossier_id", "version", "fingerprint"
    ):
        digest.update(f"{dossier_id}:{version}:{print_}\n".encode())
    return digest.hexdigest()


@transaction.atomic
def anchor(day: date | None = None) -> AuditAnchor | None:
    """Anchor the events recorded since the last anchor; None when there are none."""
    last = AuditAnchor.objects.select_for_update().order_by("-last_event_id").first()
    first_id = (last.last_event_id + 1) if last else 1
    new = DossierEvent.objects.filter(pk__gte=first_id)
    last_id = new.aggregate(last=Max("pk"))["last"]
    if last_id is None:
        return None
    prev_digest = last.digest if last else GENESIS
    now = timezone.now()
    entry = AuditAnchor(
        day=day or timezone.localdate(now),
        created_at=now,
        first_event_id=first_id,
        last_event_id=last_id,
        event_count=new.filter(pk__lte=last_id).count(),
        prev_digest=prev_digest,
        digest=_events_digest(prev_digest, _event_rows(first_id, last_id)),
        dossier_count=0,
    )
    touched = new.filter(pk__lte=last_id).values("dossier_id").distinct()
    rows = Dossier.objects.filter(pk__in=touched).values("pk", *FINGERPRINT_FIELDS)
    entries = [
        AnchoredDossier(
            dossier_id=row["pk"],
            code=row["code"],
            version=row["version"],
            fingerprint=fingerprint(row),
        )
        for row in rows.iterator(chunk_size=5000)
    ]
    entry.dossier_count = len(entries)
    entry.signature = ""
    entry.certificate = ""
    entry.save()
    for item in entries:
        item.anchor = entry
    AnchoredDossier.objects.bulk_create(entries, batch_size=2000)
    key, certificate = system_key.load()
    message = _message(entry)
    entry.signature = base64.b64encode(key.sign(message, PKCS1v15(), hashes.SHA256())).decode()
    entry.certificate = certificate.public_bytes(serialization.Encoding.PEM).decode()
    entry.timestamp = system_key.timestamp(hashlib.sha256(message).digest())
    entry.save(update_fields=["signature", "certificate", "timestamp"])
    return entry


@dataclass(frozen=True)
class Problem:
    message: str


def _signature_ok(anchor: AuditAnchor) -> bool:
    try:
        certificate = x509.load_pem_x509_certificate(anchor.certificate.encode())
        certificate.public_key().verify(
            base64.b64decode(anchor.signature), _message(anchor), PKCS1v15(), hashes.SHA256()
        )
    except (ValueError, InvalidSignature):
        return False
    return system_key.trusted(certificate)


def _check_anchors() -> Iterator[Problem]:
    previous, expected_first = GENESIS, 1
    for entry in AuditAnchor.objects.order_by("last_event_id"):
        when = f"{entry.day:%d/%m/%Y}"
        if not _signature_ok(entry):
            yield Problem(f"Mốc ngày {when}: chữ ký không hợp lệ (mốc bị sửa hoặc giả).")
        if entry.prev_digest != previous or entry.first_event_id != expected_first:
            yield Problem(f"Mốc ngày {when}: không nối tiếp mốc trước (có mốc bị xóa).")
        actual = _events_digest(
            entry.prev_digest, _event_rows(entry.first_event_id, entry.last_event_id)
        )
        if actual != entry.digest:
            yield Problem(
                f"Mốc ngày {when}: các sự kiện số {entry.first_event_id}–{entry.last_event_id} "
                "đã bị sửa, xóa hoặc băm lại sau khi lập mốc."
            )
        previous, expected_first = entry.digest, entry.last_event_id + 1


def _check_anchored_dossiers(dossier_ids=None) -> Iterator[Problem]:
    latest = AnchoredDossier.objects.values("dossier_id").annotate(
        last=Max("anchor__last_event_id")
    )
    if dossier_ids is not None:
        latest = latest.filter(dossier_id__in=dossier_ids)
    for item in latest.iterator(chunk_size=5000):
        entry = AnchoredDossier.objects.get(
            dossier_id=item["dossier_id"], anchor__last_event_id=item["last"]
        )
        row = Dossier.objects.filter(pk=entry.dossier_id).values("pk", *FINGERPRINT_FIELDS).first()
        if row is None:
            yield Problem(f"Hồ sơ {entry.code}: đã bị xóa khỏi cơ sở dữ liệu.")
        elif row["version"] == entry.version and fingerprint(row) != entry.fingerprint:
            yield Problem(
                f"Hồ sơ {entry.code}: dữ liệu hồ sơ (trạng thái, người nộp…) bị sửa trực tiếp, "
                "không qua sự kiện."
            )


def _check_dossiers(dossiers) -> Iterator[Problem]:
    counts = dossiers.annotate(events_count=Count("events"), last_sequence=Max("events__sequence"))
    for pk, code, status, version, count, last in counts.values_list(
        "pk", "code", "status", "version", "events_count", "last_sequence"
    ).iterator(chunk_size=2000):
        events = DossierEvent.objects.filter(dossier_id=pk).order_by("sequence")
        broken = verify_chain(events)
        if broken:
            yield Problem(
                f"Hồ sơ {code}: chuỗi bị phá vỡ tại sự kiện #{broken.sequence} ({broken.reason})."
            )
            continue
        if count != version or (last or 0) != version:
            yield Problem(
                f"Hồ sơ {code}: phiên bản {version} nhưng có {count} sự kiện "
                "(sự kiện cuối bị xóa hoặc hồ sơ bị sửa)."
            )
            continue
        last_status = events.exclude(to_status="").values_list("to_status", flat=True).last()
        if last_status and last_status != status:
            yield Problem(
                f"Hồ sơ {code}: trạng thái “{status}” khác trạng thái của sự kiện cuối "
                f"“{last_status}”."
            )


def verify(code: str | None = None) -> list[Problem]:
    """Every problem found; an empty list means the whole trail holds."""
    dossiers = Dossier.objects.order_by("pk")
    if code:
        dossiers = dossiers.filter(code=code)
        ids = list(dossiers.values_list("pk", flat=True))
        return [*_check_dossiers(dossiers), *_check_anchored_dossiers(ids)]
    return [*_check_dossiers(dossiers), *_check_anchored_dossiers(), *_check_anchors()]
