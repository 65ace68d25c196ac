"""What each dossier form (01-04) is filled with, read from the dossier and its events.

Every context has the keys of `document_context` (`dossier`, `procedure`, `agency`,
`heading`, `place`, `issued_at`, `site_url`); each builder adds its own. The full list is
in docs/decisions/0004-forms-as-data.md. A form that does not apply raises
`FormNotApplicable`.
"""

import re
from datetime import datetime
from decimal import Decimal

import segno
from django.conf import settings
from django.utils.safestring import mark_safe

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier, DossierEvent, EventKind
from motcua.org.models import Agency

from .book import book_entry
from .errors import FormNotApplicable

# "UBND xã Tân Lập" -> "Tân Lập": the place of the date line is the administrative unit
# where the agency sits (Decree 30/2020/NĐ-CP); agencies without such a name inherit it.
_UNIT_NAME = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$",
    re.IGNORECASE,
)


def heading(agency: Agency) -> dict:
    """The left block of the national heading: the parent's name above the agency's."""
    return {"parent": agency.parent.name if agency.parent_id else "", "agency": agency.name}


def place_name(agency: Agency) -> str:
    """The place of the date line: the agency's `place_name`, else one read from its name
    (`Tân Lập` for UBND xã Tân Lập), else the same of the nearest agency above it; ""
    when none is found."""
    for node in [agency, *reversed(agency.ancestors())]:
        if node.place_name.strip():
            return node.place_name.strip()
        match = _UNIT_NAME.match(node.name.strip())
        if match:
            return match.group(1)
    return ""


def person(user, name: str = "") -> dict:
    """`{"name", "title"}` of a staff member as a signature block prints them."""
    profile = getattr(user, "staff_profile", None) if user is not None else None
    full_name = name or (user.get_full_name() or user.get_username() if user else "")
    return {"name": full_name, "title": profile.title if profile else ""}


def document_context(dossier: Dossier, agency: Agency, issued_at: datetime | None) -> dict:
    """The keys every dossier form has."""
    data = dossier.procedure_version.data
    return {
        "dossier": dossier,
        "procedure": {
            "code": data["code"],
            "name": data["name"],
            "legal_time": legal_time(data),
            "result_name": data.get("result_name", ""),
        },
        "agency": agency,
        "heading": heading(agency),
        "place": place_name(agency),
        "issued_at": issued_at,
        "site_url": settings.SITE_URL,
    }


def legal_time(data: dict) -> str:
    """`3 ngày làm việc` from a procedure version's data."""
    terms = Procedure(
        time_quantity=Decimal(str(data["time_quantity"])), time_unit=data["time_unit"]
    )
    return terms.time_display()


def latest_event(dossier: Dossier, *kinds: str) -> DossierEvent | None:
    return (
        dossier.events.filter(kind__in=kinds)
        .select_related("actor__staff_profile")
        .order_by("-sequence")
        .first()
    )


def tracking_url(dossier: Dossier) -> str:
    """The public page where the applicant follows the dossier."""
    return f"{settings.SITE_URL}/track/{dossier.code}/"


def qr_svg(url: str) -> str:
    """An inline SVG QR code of `url` (sized by the form's CSS)."""
    return mark_safe(segno.make(url, error="m").svg_inline(border=2, omitsize=True))


def receipt_context(dossier: Dossier) -> dict:
    """Form 01: `documents` (received ones), `tracking_url`, `qr_svg`, `received_at`,
    `receiver` ({name, title}) and `book` ({number, line})."""
    event = latest_event(dossier, EventKind.RECEIVE, EventKind.ACCEPT)
    if event is None:
        raise FormNotApplicable(
            "Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
        )
    url = tracking_url(dossier)
    return document_context(dossier, dossier.receiving_agency, event.at) | {
        "documents": list(dossier.documents.filter(received=True)),
        "received_at": event.at,
        "receiver": person(event.actor, event.actor_name),
        "tracking_url": url,
        "qr_svg": qr_svg(url),
        # The same volume and line as the tracking book prints (motcua.printing.book).
        "book": book_entry(dossier),
    }


def supplement_context(dossier: Dossier) -> dict:
    """Form 02: `items` (what to supplement), `note` (why, guidance), `requested_at` and
    `guide` ({name, title}) from the latest supplement request."""
    event = latest_event(dossier, EventKind.REQUEST_SUPPLEMENT)
    if event is None:
        raise FormNotApplicable("Hồ sơ không có yêu cầu bổ sung, hoàn thiện nào.")
    return document_context(dossier, dossier.receiving_agency, event.at) | {
        "items": event.payload.get("items", []),
        "note": event.note,
        "requested_at": event.at,
        "guide": person(event.actor, event.actor_name),
    }


def refusal_context(dossier: Dossier) -> dict:
    """Form 03 (refusal to receive): `reason`, `refused_at`, `at_reception` (always True)
    and `signer`. A refusal after review prints its own notice (`stop_context`)."""
    event = latest_event(dossier, EventKind.REFUSE, EventKind.REFUSE_AT_RECEPTION)
    if event is None:
        raise FormNotApplicable("Hồ sơ không bị từ chối nên không có Phiếu từ chối.")
    if event.kind == EventKind.REFUSE:
        raise FormNotApplicable(
            "Hồ sơ bị từ chối sau khi thẩm định: in Thông báo dừng giải quyết hồ sơ, "
            "không in Phiếu từ chối tiếp nhận."
        )
    return document_context(dossier, dossier.receiving_agency, event.at) | {
        "reason": event.note,
        "refused_at": event.at,
        "at_reception": True,
        "signer": person(event.actor, event.actor_name),
    }


def stop_context(dossier: Dossier) -> dict:
    """The notice of stopping handling (2025: form 05) of a dossier refused after review:
    `reason`, `stopped_at`, `signer`; issued by the handling agency."""
    event = latest_event(dossier, EventKind.REFUSE)
    if event is None:
        raise FormNotApplicable(
            "Hồ sơ không bị dừng giải quyết nên không có Thông báo dừng giải quyết hồ sơ."
        )
    return document_context(dossier, dossier.handling_agency, event.at) | {
        "reason": event.note,
        "stopped_at": event.at,
        "signer": person(event.actor, event.actor_name),
    }


def apology_context(dossier: Dossier) -> dict:
    """Form 04: `old_appointment`, `new_appointment`, `reason`, `apologised_at`, `signer`
    from the latest apology (issued by the handling agency)."""
    event = latest_event(dossier, EventKind.APOLOGISE_AND_RESCHEDULE)
    if event is None:
        raise FormNotApplicable("Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.")
    return document_context(dossier, dossier.handling_agency, event.at) | {
        "old_appointment": datetime.fromisoformat(event.payload["old_appointment"]),
        "new_appointment": datetime.fromisoformat(event.payload["new_appointment"]),
        "reason": event.note,
        "apologised_at": event.at,
        "signer": person(event.actor, event.actor_name),
    }
