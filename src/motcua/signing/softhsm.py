"""A SoftHSM2 token in a folder of its own: a real PKCS#11 token without hardware, for the
tests, the benchmark and for trying the token settings (Debian: `softhsm2 opensc`).

>>> conf_path = make_token(tmp, label="motcua", pin="1234", key=key, cert=cert,
...                        key_label="ky-so")
>>> os.environ["SOFTHSM2_CONF"] = str(conf_path)   # before the module is first loaded

SoftHSM2 reads SOFTHSM2_CONF once, when a process first loads the module, so set it before
the first signature in that process.
"""

import subprocess
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .conf import SOFTHSM_MODULE


def make_token(
    folder: Path,
    *,
    label: str,
    pin: str,
    key: rsa.RSAPrivateKey,
    cert: x509.Certificate,
    key_label: str,
    chain: tuple[x509.Certificate, ...] = (),
    so_pin: str = "12345678",
) -> Path:
    """Create token `label` under `folder` holding `key`, `cert` (both labelled `key_label`)
    and the `chain` certificates; returns the SoftHSM2 configuration file to point
    SOFTHSM2_CONF at."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    config = folder / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {"SOFTHSM2_CONF": str(config), "PATH": "/usr/bin:/bin"}
    _run(
        [
            *("softhsm2-util", "--init-token", "--free", "--label", label),
            *("--pin", pin, "--so-pin", so_pin),
        ],
        env,
    )
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    objects = [("privkey", key_der, key_label, "01"), ("cert", _der(cert), key_label, "01")]
    objects += [("cert", _der(issuer), f"ca-{n}", f"{n + 2:02d}") for n, issuer in enumerate(chain)]
    for kind, data, object_label, object_id in objects:
        path = folder / f"{object_label}-{kind}.der"
        path.write_bytes(data)
        _run(
            [
                *("pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", label),
                *("--login", "--pin", pin, "--write-object", str(path), "--type", kind),
                *("--label", object_label, "--id", object_id),
            ],
            env,
        )
        path.unlink()
    return config


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _run(command: list[str], env: dict) -> None:
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=60)
