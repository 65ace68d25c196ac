"""The hash chain of dossier events.

Each event's hash is sha256 over a canonical JSON form of the event and the previous event's
hash, so changing, removing or reordering any past event breaks every hash after it.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from .models import DossierEvent

GENESIS = "0" * 64


def canonical(event: DossierEvent) -> bytes:
    """The bytes an event's hash covers: every field but the hash itself."""
    return json.dumps(
        {
            "dossier": event.dossier_id,
            "sequence": event.sequence,
            "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": event.actor_id,
            "actor_name": event.actor_name,
            "kind": event.kind,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "step": event.step,
            "agency": event.agency_id,
            "note": event.note,
            "payload": event.payload,
            "public": event.public,
            "prev_hash": event.prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def seal(event: DossierEvent) -> None:
    """Set `event.hash` from its content (`prev_hash` must already be set)."""
    event.hash = hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    dossier_id: int
    sequence: int
    reason: str


def verify_chain(events) -> BrokenLink | None:
    """Check one dossier's events in sequence order; return the first broken link, or None.

    >>> verify_chain(dossier.events.order_by("sequence")) is None
    True
    """
    previous = GENESIS
    expected_sequence = 1
    for event in events:
        if event.sequence != expected_sequence:
            return BrokenLink(
                event.dossier_id, event.sequence, f"expected event #{expected_sequence}"
            )
        if event.prev_hash != previous:
            return BrokenLink(event.dossier_id, event.sequence, "previous hash does not match")
        if hashlib.sha256(canonical(event)).hexdigest() != event.hash:
            return BrokenLink(event.dossier_id, event.sequence, "content does not match its hash")
        previous = event.hash
        expected_sequence += 1
    return None
