"""`make bench` (signing): signatures per second with a PKCS#12 file and a SoftHSM2 token.

Each run makes its own test CA, PKCS#12 file and SoftHSM2 token (in a temporary folder) and
signs a one-page PDF rendered by WeasyPrint. The baseline is the cryptographic core alone: a
SHA-256 digest and an RSA-2048 PKCS#1 v1.5 signature of the same bytes with `cryptography`;
the ratio says how much the PAdES machinery (incremental update, CMS, certificates, byte
ranges) and the token round trips cost on top of it. One output of each kind is verified.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from weasyprint import HTML

from motcua.signing import democa
from motcua.signing.conf import SOFTHSM_MODULE
from motcua.signing.keys import Pkcs11Key, Pkcs12Key
from motcua.signing.signer import sign_pdf
from motcua.signing.softhsm import make_token
from motcua.signing.verifier import verify_pdf

SIGNATURES = 100
VISIBLE_SIGNATURES = 40
BASELINE = 2000
PASSWORD, PIN = "bench-password", "135790"


def rate(count: int, action) -> tuple[float, float]:
    """(seconds, operations per second) of `count` calls of `action`."""
    action()  # warm-up: imports, font subsetting, library loading
    began = time.perf_counter()
    for _ in range(count):
        action()
    seconds = time.perf_counter() - began
    return seconds, count / seconds


def main() -> None:
    root_key, root = democa.make_root("CA benchmark")
    key, cert = democa.issue(root_key, root, common_name="Người ký thử", organisation="motcua")
    pdf = HTML(string="<h1>KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1><p>Một trang.</p>").write_pdf()
    folder = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    try:
        rows = [("cryptography: SHA-256 + RSA-2048 sign (baseline)", *baseline(key, pdf))]
        p12 = Pkcs12Key(democa.pkcs12_bytes(key, cert, [root], PASSWORD), PASSWORD)
        rows.append(("PAdES, PKCS#12 file, invisible", *measured(pdf, p12, SIGNATURES)))
        rows.append(
            (
                "PAdES, PKCS#12 file, visible stamp + QR",
                *measured(pdf, p12, VISIBLE_SIGNATURES, visible=True),
            )
        )
        if shutil.which("softhsm2-util") and os.path.exists(SOFTHSM_MODULE):
            os.environ["SOFTHSM2_CONF"] = str(
                make_token(folder, label="bench", pin=PIN, key=key, cert=cert, key_label="ky")
            )
            token = Pkcs11Key(SOFTHSM_MODULE, token_label="bench", key_label="ky", pin=PIN)
            rows.append(("PAdES, SoftHSM2 token, invisible", *measured(pdf, token, SIGNATURES)))
        else:
            print("SoftHSM2 is not installed (apt-get install -y softhsm2 opensc): token skipped")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    base = rows[0][2]
    print(f"One-page PDF of {len(pdf):,} bytes; RSA-2048, SHA-256.\n")
    print("| what | signatures | seconds | per second | baseline / this |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, seconds, per_second in rows:
        count = round(seconds * per_second)
        print(
            f"| {name} | {count:,} | {seconds:.2f} | {per_second:,.1f} | {base / per_second:,.0f}x |"
        )


def baseline(key, pdf: bytes) -> tuple[float, float]:
    return rate(BASELINE, lambda: key.sign(pdf, padding.PKCS1v15(), hashes.SHA256()))


def sign(pdf: bytes, key, visible: bool = False) -> bytes:
    return sign_pdf(
        pdf,
        key,
        visible=visible,
        timestamp_url="",
        qr_url="https://motcua.example/verify/?code=X&sha256=0" if visible else "",
    )


def measured(pdf: bytes, key, count: int, visible: bool = False) -> tuple[float, float]:
    """Signatures per second of `key`, after checking that one of them verifies."""
    [report] = verify_pdf(sign(pdf, key, visible), [])
    if report.broken:
        raise AssertionError("a benchmark signature does not verify")
    return rate(count, lambda: sign(pdf, key, visible))
