"""Check every signature of a PDF: intact or not, signed by whom and when, trusted or not.

>>> [report.summary for report in verify_pdf(pdf_bytes, configured_trust_roots())]
['Chữ ký hợp lệ, chứng thư số tin cậy.']

Revocation (CRL, OCSP) is not fetched: the page and the command answer at once and work
offline. A signature is *broken* when the bytes it covers changed, its value does not
check against its certificate, or the file was changed afterwards in a way it forbids.
"""

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import conf
from .certificates import CertificateInfo
from .errors import SigningError, UnreadablePdf

# A chain that reaches no trusted root is an answer of the verify page, not a server fault;
# pyHanko would log each one as a warning with a traceback.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    subject: str
    issuer: str
    signed_at: datetime | None
    timestamped: bool
    reason: str
    intact: bool
    valid: bool
    covers_whole_file: bool
    changes_allowed: bool
    trusted: bool
    trust_anchor: str

    @property
    def broken(self) -> bool:
        return not (self.intact and self.valid and self.changes_allowed)

    @property
    def demo(self) -> bool:
        """Chains to the demo certificate authority: no legal value."""
        return conf.DEMO_ROOT_NAME in self.trust_anchor

    @property
    def summary(self) -> str:
        if not self.intact:
            return "Chữ ký KHÔNG hợp lệ: nội dung đã bị thay đổi sau khi ký."
        if not self.valid:
            return "Chữ ký KHÔNG hợp lệ: giá trị chữ ký không khớp chứng thư số."
        if not self.changes_allowed:
            return "Chữ ký KHÔNG hợp lệ: tệp bị sửa sau khi ký theo cách chữ ký không cho phép."
        if self.demo:
            return "Chữ ký hợp lệ, chứng thư số do CA MINH HỌA cấp: không có giá trị pháp lý."
        if self.trusted:
            return "Chữ ký hợp lệ, chứng thư số tin cậy."
        return "Chữ ký nguyên vẹn nhưng chứng thư số không thuộc tổ chức chứng thực được tin cậy."


def verify_pdf(
    pdf_bytes: bytes, trust_roots: Iterable[asn1_x509.Certificate]
) -> list[SignatureReport]:
    """One report per signature of `pdf_bytes`, in signing order ([] when unsigned).

    Raises UnreadablePdf when the bytes are not a readable PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as error:
        raise UnreadablePdf("Tệp không phải PDF đọc được.") from error
    roots = list(trust_roots)
    return [_report(signature, roots) for signature in signatures]


def _report(signature, roots: list) -> SignatureReport:
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    cert = CertificateInfo.from_asn1(status.signing_cert)
    stamp = status.timestamp_validity
    path = status.validation_path
    anchor = _anchor_name(path.trust_anchor) if path is not None else ""
    reason = signature.sig_object.get("/Reason")
    return SignatureReport(
        field=signature.field_name,
        signer=cert.common_name or cert.subject,
        subject=cert.subject,
        issuer=cert.issuer,
        signed_at=stamp.timestamp if stamp is not None else status.signer_reported_dt,
        timestamped=stamp is not None and stamp.intact and stamp.valid,
        reason=str(reason) if reason is not None else "",
        intact=status.intact,
        valid=status.valid,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        changes_allowed=status.docmdp_ok is not False,
        trusted=status.trusted,
        trust_anchor=anchor,
    )


def _anchor_name(anchor) -> str:
    certificate = getattr(anchor, "certificate", None)
    if certificate is not None:
        return CertificateInfo.from_asn1(certificate).subject
    return anchor.authority.name.human_friendly


def load_trust_roots(paths: Iterable[Path | str]) -> list[asn1_x509.Certificate]:
    """Certificates from PEM or DER files; SigningError names a file that is not one."""
    roots = []
    for path in paths:
        try:
            roots.append(load_cert_from_pemder(str(path)))
        except (OSError, ValueError) as error:
            raise SigningError(f"Không đọc được chứng thư gốc {path}: {error}") from error
    return roots


def configured_trust_roots() -> list[asn1_x509.Certificate]:
    """MOTCUA_TRUST_ROOTS, or else the demo CA's root when `motcua demo` made one."""
    paths = conf.trust_root_paths()
    if not paths:
        demo_root = conf.demo_ca_dir() / "root.pem"
        paths = [demo_root] if demo_root.exists() else []
    return load_trust_roots(paths)
