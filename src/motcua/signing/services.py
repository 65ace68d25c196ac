"""Signing as the rest of motcua uses it: which certificate signs, and which file was issued.

>>> config = signer_for_result(approver, dossier.handling_agency)
>>> signed = sign_pdf(pdf_bytes, key_for(config), reason="Phê duyệt kết quả", visible=True)
>>> issued_result(dossier)            # the file the applicant gets: exactly the signed one
<DossierFile: ket-qua-000.21.21.H56-250303-0001.pdf>
>>> signed = maybe_sign_form(dossier.receiving_agency, form_pdf)   # forms 01-05
"""

import os
from dataclasses import dataclass
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Length

from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, EventKind, FileKind
from motcua.org.models import Agency, in_force

from . import conf
from .certificates import CertificateInfo
from .errors import SigningError
from .keys import Pkcs11Key, Pkcs12Key
from .models import Backend, SignerConfig
from .signer import sign_pdf
from .stamp import marked_place
from .verifier import SignatureReport, configured_trust_roots, verify_pdf

__all__ = [
    "Issuance",
    "SignatureReport",
    "configured_trust_roots",
    "find_issuance",
    "issuance_by_code",
    "issued_result",
    "key_for",
    "maybe_sign_form",
    "register_signer",
    "sign_pdf",
    "signer_for_forms",
    "signer_for_result",
    "verify_pdf",
]


# ---------------------------------------------------------------- configurations


def key_for(config: SignerConfig, secret: str | None = None) -> Pkcs12Key | Pkcs11Key:
    """The key of `config`, unlocked with `secret` (typed by the signer) or with the value of
    its environment variable; SigningError says what is missing."""
    secret = _secret(config, secret)
    if config.backend == Backend.PKCS11:
        if config.module_path not in conf.pkcs11_modules():
            raise SigningError(
                f"Thư viện PKCS#11 {config.module_path} không nằm trong MOTCUA_PKCS11_MODULES."
            )
        return Pkcs11Key(
            module=config.module_path,
            token_label=config.token_label,
            key_label=config.key_label,
            cert_label=config.cert_label,
            slot=config.slot,
            pin=secret,
        )
    return Pkcs12Key(_pkcs12_content(config), secret)


def _secret(config: SignerConfig, typed: str | None) -> str | None:
    if typed:
        return typed
    if not config.secret_env:
        return None
    value = os.environ.get(config.secret_env)
    if value is None:
        raise SigningError(
            f"Máy chủ chưa đặt biến môi trường {config.secret_env} (mật khẩu của “{config.name}”)."
        )
    return value


def _pkcs12_content(config: SignerConfig) -> bytes:
    try:
        if config.pkcs12_file:
            with config.pkcs12_file.open("rb") as file:
                return file.read()
        with open(config.pkcs12_path, "rb") as file:
            return file.read()
    except OSError as error:
        raise SigningError(f"Không đọc được tệp chứng thư số của “{config.name}”.") from error


@transaction.atomic
def register_signer(
    *,
    name: str,
    backend: str,
    agency: Agency | None = None,
    user=None,
    pkcs12_content: bytes | None = None,
    secret: str | None = None,
    created_by=None,
    **fields,
) -> SignerConfig:
    """Save a signer configuration after reading its certificate through its key (so a wrong
    password, PIN or label is refused now, not at the first signature). `secret` unlocks it
    this once and is not stored."""
    config = SignerConfig(
        name=name, backend=backend, agency=agency, user=user, created_by=created_by, **fields
    )
    if pkcs12_content is not None:
        # Read before storing, so that a refused file leaves nothing behind in the storage.
        info = Pkcs12Key(pkcs12_content, _secret(config, secret)).certificate()
        config.pkcs12_file.save("upload.p12", ContentFile(pkcs12_content), save=False)
    else:
        info = key_for(config, secret).certificate()
    _copy_certificate(config, info)
    config.save()
    return config


def _copy_certificate(config: SignerConfig, info: CertificateInfo) -> None:
    config.certificate = info.pem
    config.subject = info.subject
    config.issuer = info.issuer
    config.serial = info.serial
    config.valid_from = info.valid_from
    config.valid_until = info.valid_until


def _nearest(agency: Agency, **flags) -> SignerConfig | None:
    """The active agency configuration nearest above (or at) `agency` in the tree: one held
    at an agency holds for its whole subtree."""
    parts = agency.path.strip("/").split("/")
    paths = ["".join(f"{part}/" for part in parts[: i + 1]) for i in range(len(parts))]
    return (
        SignerConfig.objects.filter(
            in_force(via="agency__"), agency__path__in=paths, active=True, **flags
        )
        .order_by(Length("agency__path").desc(), "-valid_until")
        .first()
    )


def signer_for_result(user, agency: Agency) -> SignerConfig | None:
    """Who signs a result approved by `user` at `agency`: the approver's own certificate,
    else the agency's (the nearest configured above it in the tree)."""
    personal = (
        SignerConfig.objects.filter(user=user, active=True, signs_results=True)
        .order_by("-valid_until")
        .first()
        if user is not None and user.is_authenticated
        else None
    )
    return personal or _nearest(agency, signs_results=True)


def signer_for_forms(agency: Agency) -> SignerConfig | None:
    """The desk's certificate when `agency` (or the nearest agency above it that has one)
    signs its forms 01-05."""
    return _nearest(agency, signs_forms=True)


def maybe_sign_form(agency: Agency, pdf_bytes: bytes) -> bytes:
    """Form 01-05 of the desk of `agency`, signed when the agency has switched it on.

    The stamp shows where the form's template marks `chu-ky-so`; a form without the mark is
    signed invisibly. Raises SigningError when the certificate cannot be used."""
    config = signer_for_forms(agency)
    if config is None:
        return pdf_bytes
    return sign_pdf(
        pdf_bytes,
        key_for(config),
        reason="Bộ phận Một cửa ký số phiếu",
        visible=marked_place(pdf_bytes) is not None,
        agency_name=agency.name,
    )


# ---------------------------------------------------------------- issued results


@dataclass(frozen=True)
class Issuance:
    """A result an agency issued: the dossier, the file, when and by whom it was signed, and
    the issuing agency (the signing certificate's organisation)."""

    dossier: Dossier
    file: DossierFile
    approved_at: datetime | None
    approver: str
    signed: bool
    agency: str


def issued_result(dossier: Dossier, events: list[DossierEvent] | None = None) -> DossierFile | None:
    """The result file the applicant gets: the one signed at approval, exactly; when approval
    signed nothing, the latest result file. `events` (the dossier's, in sequence order), when
    the caller has read them, spare reading the approval again."""
    if events is None:
        approval = _approval(dossier)
    else:
        approval = next((e for e in reversed(events) if e.kind == EventKind.APPROVE), None)
    issuance = _issuance(dossier, approval)
    return issuance.file if issuance is not None else None


def _approval(dossier: Dossier) -> DossierEvent | None:
    return dossier.events.filter(kind=EventKind.APPROVE).order_by("-sequence").first()


def _issuance(dossier: Dossier, event: DossierEvent | None) -> Issuance | None:
    """The result issued with the approval `event` (None: the dossier was not approved)."""
    payload = event.payload if event is not None else {}
    files = dossier.files.filter(kind=FileKind.RESULT).select_related("blob")
    file = None
    if payload.get("result_file"):
        file = files.filter(pk=payload["result_file"]).first()
    if file is None:
        file = files.order_by("-uploaded_at", "-pk").first()
    if file is None:
        return None
    return Issuance(
        dossier=dossier,
        file=file,
        approved_at=event.at if event is not None else None,
        approver=event.actor_name if event is not None else "",
        signed=bool(payload.get("result_signed")) and file.pk == payload.get("result_file"),
        agency=payload.get("issuing_agency") or dossier.handling_agency.name,
    )


def find_issuance(sha256: str) -> Issuance | None:
    """The issued result whose file has this sha256, in any dossier."""
    candidates = DossierFile.objects.filter(kind=FileKind.RESULT, blob_id=sha256.lower())
    for file in candidates.select_related("dossier"):
        issuance = _issuance(file.dossier, _approval(file.dossier))
        if issuance is not None and issuance.file.pk == file.pk:
            return issuance
    return None


def issuance_by_code(code: str, sha256: str) -> Issuance | None:
    """What a result's QR code points to: the dossier `code` and the hash of its result,
    either of the signed file or of the document as it was before signing (the QR code is
    drawn inside the signature, so it cannot carry the hash of the file it is part of)."""
    dossier = Dossier.objects.filter(code=code.strip().upper()).first()
    if dossier is None or not sha256:
        return None
    sha256 = sha256.strip().lower()
    for event in dossier.events.filter(kind=EventKind.APPROVE).order_by("-sequence"):
        if sha256 in (
            event.payload.get("signed_result_sha256"),
            event.payload.get("result_source_sha256"),
        ):
            return _issuance(dossier, event)
    issuance = _issuance(dossier, _approval(dossier))
    if issuance is not None and issuance.file.blob_id == sha256:
        return issuance
    return None
