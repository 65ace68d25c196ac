"""What staff need to know about a signing certificate: whose, from whom, valid until when.

>>> info = CertificateInfo.from_pem(pem)
>>> info.common_name, info.valid_until
('Nguyễn Văn An', datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.timezone.utc))
"""

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from .errors import SigningError


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    common_name: str
    organisation: str
    issuer: str
    serial: str
    valid_from: datetime
    valid_until: datetime
    pem: str

    @classmethod
    def from_cryptography(cls, cert: x509.Certificate) -> "CertificateInfo":
        return cls(
            subject=describe(cert.subject),
            common_name=_attribute(cert.subject, NameOID.COMMON_NAME),
            organisation=_attribute(cert.subject, NameOID.ORGANIZATION_NAME),
            issuer=describe(cert.issuer),
            serial=f"{cert.serial_number:X}",
            valid_from=cert.not_valid_before_utc,
            valid_until=cert.not_valid_after_utc,
            pem=cert.public_bytes(Encoding.PEM).decode("ascii"),
        )

    @classmethod
    def from_asn1(cls, cert: asn1_x509.Certificate) -> "CertificateInfo":
        return cls.from_cryptography(x509.load_der_x509_certificate(cert.dump()))

    @classmethod
    def from_pem(cls, pem: str | bytes) -> "CertificateInfo":
        data = pem.encode("ascii") if isinstance(pem, str) else pem
        try:
            cert = (
                x509.load_pem_x509_certificate(data)
                if b"-----BEGIN" in data
                else x509.load_der_x509_certificate(data)
            )
        except ValueError:
            raise SigningError("Tệp không phải chứng thư số X.509 (PEM hoặc DER).") from None
        return cls.from_cryptography(cert)


def describe(name: x509.Name) -> str:
    """`CN=Nguyễn Văn An, O=UBND xã Tân Lập, C=VN`: most specific first, unescaped."""
    parts = []
    for rdn in reversed(name.rdns):
        for attribute in rdn:
            label = _SHORT.get(attribute.oid, attribute.oid.dotted_string)
            parts.append(f"{label}={attribute.value}")
    return ", ".join(parts)


_SHORT = {
    NameOID.COMMON_NAME: "CN",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.LOCALITY_NAME: "L",
    NameOID.STATE_OR_PROVINCE_NAME: "ST",
    NameOID.COUNTRY_NAME: "C",
    NameOID.TITLE: "T",
    NameOID.EMAIL_ADDRESS: "E",
    NameOID.USER_ID: "UID",
    NameOID.SERIAL_NUMBER: "SERIALNUMBER",
}


def _attribute(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
