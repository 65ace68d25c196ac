"""The result an approval signs: the uploaded result PDF, or one generated from a template.

`dossiers.lifecycle.approve` calls `sign_result_for_approval` before it changes any row, so
a signature that fails leaves the dossier as it was:

>>> signed = sign_result_for_approval(dossier, approver, at=now)
>>> signed.payload["signed_result_sha256"] == sha256(signed.content)
True

Policy: the approver's own certificate signs, else the approving agency's (the nearest one
configured above it). Without any, approval goes ahead and its event records
`result_signed: false`; nothing is generated and an uploaded result stays as it is.

The result is issued in the name of the approving agency: the agency at or above the
handling agency where the approver holds the approver's role (a department handles, the
district's vice-chairman signs for the district). The generated document carries that
agency's heading; the stamp and the verify page name the certificate's organisation.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Dossier, FileKind
from motcua.org.models import Agency, Role, RoleAssignment, in_force
from motcua.printing.contexts import document_context, person
from motcua.printing.services import PAGES, pdf

from .certificates import CertificateInfo
from .services import key_for, sign_pdf, signer_for_result


@dataclass(frozen=True)
class SignedResult:
    """The signed PDF (None when no certificate is configured), its file name, and what the
    approval event records about it."""

    content: bytes | None
    name: str = ""
    payload: dict = field(default_factory=dict)


def sign_result_for_approval(
    dossier: Dossier, approver, *, at: datetime, password: str | None = None
) -> SignedResult:
    """Sign the dossier's result as `approver` approves it (SigningError: nothing signed)."""
    agency = approving_agency(approver, dossier.handling_agency)
    config = signer_for_result(approver, agency)
    if config is None:
        return SignedResult(None, payload={"result_signed": False})
    issuer = CertificateInfo.from_pem(config.certificate).organisation or agency.name
    source, name = result_document(dossier, approver, at, agency)
    source_sha256 = hashlib.sha256(source).hexdigest()
    signer = person(approver)
    signed = sign_pdf(
        source,
        key_for(config, password),
        reason=f"Phê duyệt kết quả giải quyết hồ sơ {dossier.code}",
        visible=True,
        signer_name=signer["name"],
        title=signer["title"],
        agency_name=issuer,
        qr_url=verify_url(dossier.code, source_sha256),
    )
    return SignedResult(
        signed,
        name,
        {
            "result_signed": True,
            "signed_result_sha256": hashlib.sha256(signed).hexdigest(),
            "result_source_sha256": source_sha256,
            "certificate": config.subject,
            "issuing_agency": issuer,
        },
    )


def approving_agency(approver, handling: Agency) -> Agency:
    """The agency in whose name `approver` approves a dossier handled at `handling`: the
    nearest agency at or above it where the approver holds the approver's role (the
    handling agency itself for a superuser or when none is found)."""
    held = RoleAssignment.objects.filter(
        in_force(via="agency__"), user=approver, role=Role.APPROVER
    ).select_related("agency__parent")
    covering = [a.agency for a in held if handling.path.startswith(a.agency.path)]
    return max(covering, key=lambda agency: len(agency.path), default=handling)


def result_document(dossier: Dossier, approver, at: datetime, agency: Agency) -> tuple[bytes, str]:
    """(PDF, file name) of what the approval signs: the latest result PDF the handler
    attached, else a document issued by `agency` generated from the procedure's result."""
    uploaded = (
        dossier.files.filter(kind=FileKind.RESULT, blob__content_type="application/pdf")
        .select_related("blob")
        .order_by("-uploaded_at", "-pk")
        .first()
    )
    if uploaded is not None:
        return read_blob(uploaded.blob), f"{PurePath(uploaded.name).stem}-da-ky-so.pdf"
    return generated_result(dossier, approver, at, agency), f"ket-qua-{dossier.code}.pdf"


def generated_result(dossier: Dossier, approver, at: datetime, agency: Agency) -> bytes:
    """KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH issued by `agency`: the procedure's result, the
    applicant, the dossier code; its signature block marks where the stamp goes."""
    signer = person(approver)
    context = document_context(dossier, agency, at) | {
        "signer": signer,
        "signature_lines": signature_lines(signer["title"]),
    }
    body = render_to_string("signing/result_document.html", context)
    size, margin, body_class = PAGES["A4"]
    html = render_to_string(
        "printing/forms/_document.html",
        {
            "title": "Kết quả giải quyết thủ tục hành chính",
            "page_size": size,
            "page_margin": margin,
            "body_class": body_class,
            "body": mark_safe(body),  # escaped when it was rendered above
        },
    )
    return pdf(html)


# Heads of an agency as a title names them. A deputy signing for the head writes "KT." before
# the head's position and their own position below it (Decree 30/2020/NĐ-CP on office work,
# Annex I, the signature block; the item number is unverified).
_HEAD = re.compile(
    r"^(?P<deputy>phó\s+)?(?P<head>chủ tịch|giám đốc|trưởng phòng|chánh văn phòng|trưởng ban"
    r"|cục trưởng|chi cục trưởng|thủ trưởng)\b",
    re.IGNORECASE,
)


def signature_lines(title: str) -> list[str]:
    """The position lines above a signature: `["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]` for "Phó
    Chủ tịch UBND huyện", `["CHỦ TỊCH"]` for "Chủ tịch UBND xã"; the title itself (upper
    case) when it names no known head, "THỦ TRƯỞNG CƠ QUAN" when empty."""
    match = _HEAD.match(title.strip())
    if match is None:
        return [title.strip().upper() or "THỦ TRƯỞNG CƠ QUAN"]
    head = match["head"].upper()
    return [f"KT. {head}", f"PHÓ {head}"] if match["deputy"] else [head]


def verify_url(code: str, sha256: str) -> str:
    """The public page a result's QR code opens."""
    return (
        f"{settings.SITE_URL}{reverse('verify:page')}?{urlencode({'code': code, 'sha256': sha256})}"
    )
