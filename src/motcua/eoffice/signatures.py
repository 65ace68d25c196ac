"""Signatures of a received PDF, as the signing app's verifier reads them."""

from motcua.signing.errors import UnreadablePdf
from motcua.signing.services import configured_trust_roots, verify_pdf
from motcua.ui.templatetags.vn import vndatetime

from .errors import InvalidInput


def signature_reports(pdf: bytes) -> list[dict]:
    """One line per signature, kept with the document and shown on its page."""
    try:
        reports = verify_pdf(pdf, configured_trust_roots())
    except UnreadablePdf as error:
        raise InvalidInput(f"Tệp văn bản không đọc được: {error}") from error
    return [
        {
            "signer": report.signer,
            "issuer": report.issuer,
            "signed_at": vndatetime(report.signed_at) if report.signed_at else "",
            "summary": report.summary,
            "ok": not report.broken,
            "trusted": report.trusted,
        }
        for report in reports
    ]
