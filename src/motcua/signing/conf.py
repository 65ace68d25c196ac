"""Signing settings. Each is read from Django settings when the project defines it, else
from the environment variable of the same name, so an install configures them like every
other `MOTCUA_*` variable.

| variable | default | meaning |
| --- | --- | --- |
| MOTCUA_TSA_URL | (none) | RFC 3161 timestamp authority; without it signatures carry the signer's clock |
| MOTCUA_TRUST_ROOTS | (none) | comma-separated PEM/DER files of the trusted root CAs (e.g. Vietnam's National Root CA); without it the demo CA, if `motcua demo` made one |
| MOTCUA_PKCS11_MODULES | /usr/lib/softhsm/libsofthsm2.so | comma-separated PKCS#11 libraries staff may register (loading a library runs its code, so only these) |
| MOTCUA_STAMP_FONT | Liberation Serif (fonts-liberation2) | TrueType font of the visible signature stamp |
"""

import os
from pathlib import Path

from django.conf import settings

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
STAMP_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
# The demo certificate authority's name: reports flag signatures that chain to it.
DEMO_ROOT_NAME = "CA MINH HỌA motcua"
# A certificate this close to its end shows a warning on the staff page.
EXPIRY_WARNING_DAYS = 30


def _value(name: str, default: str) -> str:
    return str(getattr(settings, name, os.environ.get(name, default)))


def _list(name: str, default: str) -> list[str]:
    value = getattr(settings, name, None)
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [item.strip() for item in _value(name, default).split(",") if item.strip()]


def tsa_url() -> str:
    return _value("MOTCUA_TSA_URL", "").strip()


def trust_root_paths() -> list[Path]:
    return [Path(path) for path in _list("MOTCUA_TRUST_ROOTS", "")]


def pkcs11_modules() -> list[str]:
    return _list("MOTCUA_PKCS11_MODULES", SOFTHSM_MODULE)


def stamp_font() -> str:
    return _value("MOTCUA_STAMP_FONT", STAMP_FONT)


def demo_ca_dir() -> Path:
    return Path(settings.VAR_DIR) / "demo-ca"
