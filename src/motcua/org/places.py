"""Addresses across a re-organisation: an address written under former units ("ấp Hòa
Đông, xã Hòa Hiệp, huyện Tân Biên") is read under the unit now in charge ("xã Phước Vinh,
tỉnh Tây Ninh"), by the address changes a plan recorded (`AddressChange`, data).

A change's `old` holds comma-separated parts ("xã Hòa Hiệp, huyện Tân Biên"); an address
matches when it holds every part as whole words, accents and case aside. The change with
the most parts held wins (the most specific).

>>> current_address("Ấp Hòa Đông, xã Hòa Hiệp, huyện Tân Biên, tỉnh Tây Ninh")
'xã Phước Vinh, tỉnh Tây Ninh'
"""

import re
from datetime import date

from django.utils import timezone

from motcua.request_memo import remembered
from motcua.text import words

from .models import AddressChange, Agency

# A split's dossiers go to the successor of the applicant's residence.
RESIDENCE = "residence"


def _parts(old: str) -> list[str]:
    return [" ".join(words(part)) for part in old.split(",") if words(part)]


def _holds(address: str, old: str) -> int:
    """How many parts of `old` the address holds (0 unless it holds them all)."""
    text = f" {' '.join(words(address))} "
    parts = _parts(old)
    return len(parts) if parts and all(f" {p} " in text for p in parts) else 0


def _best(address: str, changes) -> object | None:
    scored = [(_holds(address, change["old"]), change) for change in changes]
    scored = [item for item in scored if item[0]]
    return max(scored, key=lambda item: item[0])[1] if scored else None


def residence_code(address: str, changes: list[dict]) -> str | None:
    """The agency code of the change (plan rows: old, new, agency) that `address` falls in."""
    change = _best(address or "", changes)
    return change.get("agency") if change else None


def _changes(day: date | None) -> list[dict]:
    """The changes in force on `day` (default: today), read once per request."""
    day = day or timezone.localdate()
    every = remembered(
        "address-changes",
        lambda: list(AddressChange.objects.values("old", "new", "agency_id", "effective_on")),
    )
    return [change for change in every if change["effective_on"] <= day]


def current_address(address: str, day: date | None = None) -> str | None:
    """The unit now in charge of the place `address` names, when the address was written
    under units that have since changed; None when no change applies or the address
    already names the new unit."""
    change = _best(address or "", _changes(day))
    if change is None or _holds(address, change["new"]):
        return None
    return change["new"]


def _place(agency: Agency) -> str:
    """The unit an agency is named after: its place name, else its name without the
    "UBND"/"Ủy ban nhân dân" in front ("xã Tân Lập")."""
    if agency.place_name:
        return agency.place_name
    return re.sub(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", agency.name, flags=re.I)


def _named(address: str, agencies) -> Agency | None:
    """The one agency among `agencies` whose place the address holds: the deepest in the
    tree when several do (the commune, not its province: "xã Thạnh Bình, tỉnh Tây Ninh"),
    then the longest place name; None when none does or two tie."""
    scored = [
        ((a.path.count("/"), len(words(_place(a)))), a)
        for a in agencies
        if _holds(address, _place(a))
    ]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    found = [a for score, a in scored if score == best]
    return found[0] if len(found) == 1 else None


def residence_agency(address: str, day: date | None = None, among=None) -> Agency | None:
    """The agency now in charge of the place `address` names: by the recorded changes when
    the address was written under former units, else the agency in force (of `among`, a
    queryset, when given) whose place name the address holds; None when none is found.

    >>> residence_agency("Ấp Thạnh Hiệp, xã Tân Lập, huyện Tân Biên").name
    'UBND xã Tân Lập'
    """
    address = address or ""
    candidates = (among if among is not None else Agency.objects.all()).in_force(day)
    change = _best(address, _changes(day))
    if change is not None and change["agency_id"] is not None:
        return candidates.filter(pk=change["agency_id"]).first()
    return _named(address, candidates)


def agencies_named(text: str) -> list[int]:
    """Ids of the agencies now in charge of the former places whose name holds every word
    of `text`: a search for "Hòa Hiệp" finds xã Phước Vinh."""
    wanted = words(text)
    if not wanted:
        return []
    return [
        change["agency_id"]
        for change in _changes(None)
        if change["agency_id"] and set(wanted) <= set(words(change["old"]))
    ]
