"""The result an approval signs: the uploaded result PDF, or one generated from a template.

`dossiers.lifecycle.approve` calls `sign_result_for_approval` before it changes any row, so
a signature that fails leaves the dossier as it was:

>>> signed = sign_result_for_approval(dossier, approver, at=now)
>>> signed.payload["signed_result_sha256"] == sha256(signed.content)
True

Policy: the approver's own certificate signs, else the handling agency's (the nearest one
configured above it). Without any, approval goes ahead and its event records
`result_signed: false`; nothing is generated and an uploaded result stays as it is.
"""

import hashlib
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
from motcua.printing.contexts import document_context, person
from motcua.printing.services import PAGES, pdf

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
    config = signer_for_result(approver, dossier.handling_agency)
    if config is None:
        return SignedResult(None, payload={"result_signed": False})
    source, name = result_document(dossier, approver, at)
    source_sha256 = hashlib.sha256(source).hexdigest()
    signer = person(approver)
    signed = sign_pdf(
        source,
        key_for(config, password),
        reason=f"Phê duyệt kết quả giải quyết hồ sơ {dossier.code}",
        visible=True,
        signer_name=signer["name"],
        title=signer["title"],
        agency_name=dossier.handling_agency.name,
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
        },
    )


def result_document(dossier: Dossier, approver, at: datetime) -> tuple[bytes, str]:
    """(PDF, file name) of what the approval signs: the latest result PDF the handler
    attached, else a document generated from the procedure's result."""
    uploaded = (
        dossier.files.filter(kind=FileKind.RESULT, blob__content_type="application/pdf")
        .select_related("blob")
        .order_by("-uploaded_at", "-pk")
        .first()
    )
    if uploaded is not None:
        return read_blob(uploaded.blob), f"{PurePath(uploaded.name).stem}-da-ky-so.pdf"
    return generated_result(dossier, approver, at), f"ket-qua-{dossier.code}.pdf"


def generated_result(dossier: Dossier, approver, at: datetime) -> bytes:
    """KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH: the procedure's result, the applicant, the
    dossier code; its signature block marks where the stamp goes."""
    context = document_context(dossier, dossier.handling_agency, at) | {"signer": person(approver)}
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


def verify_url(code: str, sha256: str) -> str:
    """The public page a result's QR code opens."""
    return (
        f"{settings.SITE_URL}{reverse('verify:page')}?{urlencode({'code': code, 'sha256': sha256})}"
    )
