"""A demo certificate authority, made on the first `motcua demo`: a DEMO, never for production.

It writes under VAR_DIR/demo-ca/: `root.pem` (trusted by the verify page and `motcua
verify` when MOTCUA_TRUST_ROOTS is not set), `root-key.pem`, and one PKCS#12 file per demo
agency that has an approver. Those files carry no password, so the demo signs without
anyone typing one; real certificates come from a licensed CA and live on a token or in a
password-protected file.

The same few functions make the certificates of the tests and benchmarks:

>>> root_key, root = make_root("CA thử nghiệm")
>>> key, cert = issue(root_key, root, common_name="Nguyễn Văn An", days=20)
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from motcua.org.models import Agency, Role

from . import conf
from .models import Backend, SignerConfig
from .services import register_signer

DEMO_CERTIFICATE_NAME = "Chứng thư số minh họa (CA MINH HỌA)"


def _name(common_name: str, organisation: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_root(common_name: str, *, days: int = 3650) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-signed root CA (key, certificate)."""
    key = new_key()
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, common_name))
        .issuer_name(_name(common_name, common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(signer=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue(
    issuer_key: rsa.RSAPrivateKey,
    issuer: x509.Certificate,
    *,
    common_name: str,
    organisation: str = "",
    days: int = 730,
    timestamping: bool = False,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A signing certificate (or, with `timestamping`, a timestamp authority's) valid from
    yesterday for `days` days."""
    key = new_key()
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(signer=not timestamping), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if timestamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return key, builder.sign(issuer_key, hashes.SHA256())


def pkcs12_bytes(
    key: rsa.RSAPrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    password: str | None = None,
) -> bytes:
    """A PKCS#12 file with the key, its certificate and the issuers' (password optional)."""
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(b"signer", key, cert, chain, encryption)


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _private_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def ensure_demo_ca() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """The demo root CA, made and written on the first call."""
    folder = conf.demo_ca_dir()
    key_path, cert_path = folder / "root-key.pem", folder / "root.pem"
    if key_path.exists() and cert_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return key, x509.load_pem_x509_certificate(cert_path.read_bytes())
    key, cert = make_root(f"{conf.DEMO_ROOT_NAME} (không dùng thật)")
    _private_write(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    cert_path.write_bytes(pem(cert))
    return key, cert


def setup_demo_signing() -> int:
    """Give every demo agency that has an approver a demo certificate that signs its results
    and its desk's forms; returns how many agencies have one. Idempotent."""
    root_key, root = ensure_demo_ca()
    agencies = Agency.objects.filter(role_assignments__role=Role.APPROVER).distinct()
    for agency in agencies:
        if SignerConfig.objects.filter(agency=agency, name=DEMO_CERTIFICATE_NAME).exists():
            continue
        key, cert = issue(root_key, root, common_name=agency.name, organisation=agency.name)
        path = conf.demo_ca_dir() / f"{agency.code}.p12"
        _private_write(path, pkcs12_bytes(key, cert, [root]))
        register_signer(
            name=DEMO_CERTIFICATE_NAME,
            agency=agency,
            backend=Backend.PKCS12,
            pkcs12_path=str(path),
            signs_forms=True,
        )
    return agencies.count()
