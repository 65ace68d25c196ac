"""Where a private key lives: a PKCS#12 file or a PKCS#11 token (USB token, HSM, SoftHSM2).

Each key opens as a pyHanko signer for the time of one signature, so a token session is
never left open:

>>> with Pkcs12Key(data, password="...").open() as signer:
...     signed = sign_with(signer)
>>> Pkcs11Key("/usr/lib/softhsm/libsofthsm2.so", token_label="motcua", key_label="ky-so",
...           pin="1234").certificate().common_name
'UBND xã Tân Lập'
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from asn1crypto.keys import PrivateKeyInfo
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    pkcs12,
)
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign import pkcs11 as pyhanko_pkcs11
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from .certificates import CertificateInfo
from .errors import SigningError


@dataclass(frozen=True)
class Pkcs12Key:
    """A PKCS#12 (.p12, .pfx) file's content and its password (None: not encrypted)."""

    data: bytes
    password: str | None = None

    def _load(self):
        try:
            key, cert, chain = pkcs12.load_key_and_certificates(
                self.data, self.password.encode() if self.password else None
            )
        except ValueError:
            raise SigningError(
                "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không đúng định dạng PKCS#12."
            ) from None
        if key is None or cert is None:
            raise SigningError("Tệp PKCS#12 không chứa khóa bí mật và chứng thư số của người ký.")
        return key, cert, chain

    @contextmanager
    def open(self) -> Iterator[Signer]:
        key, cert, chain = self._load()
        registry = SimpleCertificateStore()
        registry.register_multiple([_asn1(issuer) for issuer in chain])
        yield _KeptKeySigner(
            key,
            signing_key=PrivateKeyInfo.load(
                key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
            ),
            signing_cert=_asn1(cert),
            cert_registry=registry,
        )

    def certificate(self) -> CertificateInfo:
        return CertificateInfo.from_cryptography(self._load()[1])


def _asn1(cert) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


class _KeptKeySigner(SimpleSigner):
    """pyHanko's SimpleSigner with the private key object it was opened with.

    SimpleSigner reads its key back from DER for every signature, and OpenSSL then checks
    the whole RSA key again: about 60 ms, half the cost of a signature. RSA PKCS#1 v1.5, what
    Vietnamese CAs issue, signs with the kept key; anything else goes the usual way.
    """

    def __init__(self, private_key, **kwargs):
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
            return self._private_key.sign(
                data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
            )
        return super().sign_raw(data, digest_algorithm)


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token: the module (library), the token, the key and its PIN.

    The certificate is the token's certificate object labelled `cert_label` (by default the
    key's label), as `pkcs11-tool --write-object cert.der --type cert` stores it.
    """

    module: str
    token_label: str
    key_label: str
    pin: str | None = None
    slot: int | None = None
    cert_label: str = ""

    @contextmanager
    def _session(self):
        try:
            session = pyhanko_pkcs11.open_pkcs11_session(
                self.module,
                slot_no=self.slot,
                token_criteria=TokenCriteria(label=self.token_label),
                user_pin=self.pin,
            )
        except Exception as error:
            raise SigningError(
                f"Không mở được thiết bị ký số “{self.token_label}”: {_explain(error)}"
            ) from error
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def open(self) -> Iterator[Signer]:
        with self._session() as session:
            signer = pyhanko_pkcs11.PKCS11Signer(
                session,
                cert_label=self.cert_label or self.key_label,
                key_label=self.key_label,
                # The issuer certificates on the token go into the signature too.
                other_certs_to_pull=None,
            )
            try:
                signer.signing_cert  # noqa: B018  (loads key and certificate now, to fail early)
            except Exception as error:
                raise SigningError(
                    f"Không tìm thấy khóa “{self.key_label}” hoặc chứng thư số của nó trên thiết bị: "
                    f"{_explain(error)}"
                ) from error
            yield signer

    def certificate(self) -> CertificateInfo:
        with self.open() as signer:
            return CertificateInfo.from_asn1(signer.signing_cert)


def _explain(error: Exception) -> str:
    name = type(error).__name__
    if "Pin" in name:
        return "mã PIN không đúng hoặc thiết bị đã bị khóa."
    if "Token" in name or "No token" in str(error):
        return "không thấy thiết bị (chưa cắm, sai nhãn hoặc sai thư viện PKCS#11)."
    return str(error) or name
