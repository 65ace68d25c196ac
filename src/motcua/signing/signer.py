"""Sign a PDF as PAdES (ETSI.CAdES.detached) with a PKCS#12 or PKCS#11 key.

>>> signed = sign_pdf(pdf_bytes, Pkcs12Key(data, "mật khẩu"), reason="Phê duyệt kết quả",
...                   visible=True, signer_name="Nguyễn Văn An", title="Chủ tịch",
...                   agency_name="UBND xã Tân Lập")

The signature is an incremental update: the original bytes stay as they were, so signing a
signed file adds a second signature beside the first.
"""

import io
from datetime import datetime
from typing import Protocol

from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps import HTTPTimeStamper

from . import conf
from .certificates import CertificateInfo
from .errors import SigningError, UnreadablePdf
from .stamp import StampPlace, stamp_place, stamp_style, vietnamese_time

# Room for the CMS signature in the file. Fixing it skips pyHanko's trial signature (which
# costs as much as the real one); 16 KiB holds a signature with a three-certificate chain,
# a timestamp token with its own chain needs about as much again.
RESERVED = 16 * 1024
RESERVED_WITH_TIMESTAMP = 32 * 1024


class Key(Protocol):
    def open(self): ...


def sign_pdf(
    pdf_bytes: bytes,
    signer: Key,
    *,
    reason: str = "",
    visible: bool = False,
    stamp_box: StampPlace | None = None,
    signer_name: str = "",
    title: str = "",
    agency_name: str = "",
    when: datetime | None = None,
    qr_url: str = "",
    timestamp_url: str | None = None,
) -> bytes:
    """`pdf_bytes` signed with `signer` (a `keys.Pkcs12Key` or `keys.Pkcs11Key`).

    `visible` draws the stamp (signer's name and title, agency, time in Vietnamese format,
    and a QR code of `qr_url` when given) at `stamp_box`, or where the document marks it
    (see `stamp.stamp_place`). The name and agency default to the certificate's CN and O.
    `timestamp_url` (default: MOTCUA_TSA_URL; "" for none) adds an RFC 3161 timestamp.
    Raises SigningError (UnreadablePdf for a bad input) and then nothing is signed.
    """
    tsa = conf.tsa_url() if timestamp_url is None else timestamp_url
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as error:
        raise UnreadablePdf("Tệp không phải PDF đọc được.") from error
    if writer.prev.encrypted:
        raise UnreadablePdf("Tệp PDF được mã hóa bằng mật khẩu; hãy gỡ mật khẩu trước khi ký.")
    field_name = f"ChuKySo{len(writer.prev.embedded_signatures) + 1}"
    place = (stamp_box or stamp_place(pdf_bytes)) if visible else None
    with signer.open() as opened:
        cert = CertificateInfo.from_asn1(opened.signing_cert)
        pdf_signer = PdfSigner(
            PdfSignatureMetadata(
                field_name=field_name,
                reason=reason or None,
                name=signer_name or cert.common_name or None,
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
            ),
            opened,
            timestamper=HTTPTimeStamper(tsa, timeout=10) if tsa else None,
            stamp_style=stamp_style(title=title, qr=bool(qr_url)) if place else None,
            new_field_spec=fields.SigFieldSpec(
                field_name,
                on_page=place.page if place else 0,
                box=place.box if place else None,
            ),
        )
        params = {
            "signer": signer_name or cert.common_name,
            "title": title,
            "agency": agency_name or cert.organisation,
            "when": vietnamese_time(when or timezone.now()),
        }
        if qr_url:
            params["url"] = qr_url
        try:
            out = pdf_signer.sign_pdf(
                writer,
                bytes_reserved=RESERVED_WITH_TIMESTAMP if tsa else RESERVED,
                appearance_text_params=params if place else None,
            )
        except SigningError:
            raise
        except Exception as error:
            raise SigningError(_failure(error, tsa)) from error
    return out.getvalue()


def _failure(error: Exception, tsa: str) -> str:
    text = f"{type(error).__name__}: {error}"
    if tsa and ("imestamp" in text or "TSA" in text or "ClientConnector" in text):
        return f"Không lấy được dấu thời gian từ {tsa}: {error}"
    return f"Không ký được tệp: {text}"
