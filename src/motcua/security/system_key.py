"""The system's own key, which signs the audit anchors.

MOTCUA_AUDIT_KEY names a PKCS#12 file (password in MOTCUA_AUDIT_KEY_PASSWORD) holding the
key and its certificate, issued by a CA the province trusts. Without it the demo CA of the
signing app issues one (demo and development only: `check --deploy` warns).
"""

import asyncio
import base64
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings

from motcua.signing import conf, democa

DEMO_NAME = "Hệ thống motcua: mốc kiểm toán (minh họa)"


def _configured() -> tuple[str, str]:
    path = getattr(settings, "MOTCUA_AUDIT_KEY", os.environ.get("MOTCUA_AUDIT_KEY", ""))
    password = getattr(
        settings, "MOTCUA_AUDIT_KEY_PASSWORD", os.environ.get("MOTCUA_AUDIT_KEY_PASSWORD", "")
    )
    return path, password


def load():
    """(private key, certificate) of the system."""
    path, password = _configured()
    if path:
        data, secret = Path(path).read_bytes(), password.encode() or None
    else:
        data, secret = _demo_pkcs12(), None
    key, certificate, _ = pkcs12.load_key_and_certificates(data, secret)
    return key, certificate


def _demo_pkcs12() -> bytes:
    path = conf.demo_ca_dir() / "audit.p12"
    if not path.exists():
        root_key, root = democa.ensure_demo_ca()
        key, certificate = democa.issue(root_key, root, common_name=DEMO_NAME)
        democa._private_write(path, democa.pkcs12_bytes(key, certificate, [root]))
    return path.read_bytes()


def trusted(certificate: x509.Certificate) -> bool:
    """True when `certificate` is the system's current one (a copy kept elsewhere is
    checked against the certificate published beside the anchors)."""
    return certificate == load()[1]


def timestamp(digest: bytes) -> str:
    """An RFC 3161 time-stamp token over `digest` (base64) when MOTCUA_TSA_URL is set."""
    url = conf.tsa_url()
    if not url:
        return ""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    token = asyncio.run(HTTPTimeStamper(url).async_timestamp(digest, "sha256"))
    return base64.b64encode(token.dump()).decode()
