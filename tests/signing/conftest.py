"""A test certificate authority, a SoftHSM2 token and the dossier fixtures signing needs.

The CA and the token are made once per test session (RSA keys take a moment); the token
lives in its own folder, found through SOFTHSM2_CONF, which must be set before SoftHSM2 is
first loaded in the process.
"""

import os
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.keys import load_cert_from_pemder
from support import MONDAY
from weasyprint import HTML

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role, StaffProfile
from motcua.signing import democa
from motcua.signing.conf import SOFTHSM_MODULE
from motcua.signing.keys import Pkcs11Key, Pkcs12Key
from motcua.signing.models import Backend
from motcua.signing.services import register_signer
from motcua.signing.softhsm import make_token

PASSWORD = "mật-khẩu-thử"
PIN = "246810"
TOKEN = "motcua-test"
KEY_LABEL = "ky-so"


@dataclass
class Pki:
    root_key: rsa.RSAPrivateKey
    root: x509.Certificate
    root_path: str
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def p12(self, password: str | None = PASSWORD, **subject) -> bytes:
        """A PKCS#12 file: of the session's signer, or of a new certificate `issue(**subject)`."""
        key, cert = (self.key, self.cert) if not subject else self.issue(**subject)
        return democa.pkcs12_bytes(key, cert, [self.root], password)

    def issue(self, **subject):
        return democa.issue(self.root_key, self.root, **subject)

    @property
    def roots(self):
        return [load_cert_from_pemder(self.root_path)]


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    root_key, root = democa.make_root("CA thử nghiệm motcua")
    path = tmp_path_factory.mktemp("ca") / "root.pem"
    path.write_bytes(democa.pem(root))
    key, cert = democa.issue(
        root_key, root, common_name="Nguyễn Văn An", organisation="UBND xã Tân Lập"
    )
    return Pki(root_key, root, str(path), key, cert)


@pytest.fixture(scope="session")
def p12_key(pki) -> Pkcs12Key:
    return Pkcs12Key(pki.p12(), PASSWORD)


@pytest.fixture(scope="session")
def token(pki, tmp_path_factory) -> Pkcs11Key:
    """A SoftHSM2 token holding a key and certificate of its own (and the CA certificate)."""
    if not os.path.exists(SOFTHSM_MODULE):
        pytest.fail("SoftHSM2 is missing: apt-get install -y softhsm2 opensc (make test does it)")
    key, cert = pki.issue(common_name="Trần Thị Bích", organisation="UBND huyện Tân Biên")
    config = make_token(
        tmp_path_factory.mktemp("softhsm"),
        label=TOKEN,
        pin=PIN,
        key=key,
        cert=cert,
        key_label=KEY_LABEL,
        chain=(pki.root,),
    )
    os.environ["SOFTHSM2_CONF"] = str(config)
    return Pkcs11Key(SOFTHSM_MODULE, token_label=TOKEN, key_label=KEY_LABEL, pin=PIN)


@pytest.fixture(scope="session")
def one_page_pdf() -> bytes:
    return HTML(
        string="<h1>KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1><p>Đăng ký kết hôn</p>"
    ).write_pdf()


@pytest.fixture(scope="session")
def marked_pdf() -> bytes:
    """A page whose template marks the stamp's place (id="chu-ky-so")."""
    return HTML(
        string="<style>@page { size: A4; margin: 20mm } body { margin: 0 }</style><h1>Kết quả</h1>"
        '<div style="height: 100mm"></div>'
        '<div id="chu-ky-so" style="width: 70mm; height: 28mm; margin-left: 90mm"></div>'
    ).write_pdf()


# ---------------------------------------------------------------- dossiers


@pytest.fixture
def staff(tree, make_user):
    commune = tree["commune_a"]
    users = {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}")
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)
    }
    users[Role.APPROVER].first_name = "Nguyễn Văn An"
    users[Role.APPROVER].save()
    StaffProfile.objects.create(user=users[Role.APPROVER], title="Chủ tịch UBND xã")
    return users


@pytest.fixture
def procedure(make_procedure):
    return make_procedure(
        "1.000894", "Đăng ký kết hôn", days=3, result_name="Giấy chứng nhận kết hôn"
    )


@pytest.fixture
def dossier_to_approve(tree, staff, procedure):
    """A dossier at the approver's step."""
    dossier = lifecycle.receive(
        actor=staff[Role.RECEIVER],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=Applicant(
            kind="individual",
            name="Trần Văn Bình",
            id_number="072095001234",
            phone="0912 345 678",
            address="Ấp Thạnh Hiệp, xã Tân Lập",
        ),
        documents_received=[1, 2],
        at=MONDAY,
    )
    dossier = lifecycle.forward(dossier, actor=staff[Role.RECEIVER], at=MONDAY)
    return lifecycle.forward(dossier, actor=staff[Role.HANDLER], at=MONDAY)


@pytest.fixture
def certificate_for(pki, monkeypatch):
    """Registers the session's PKCS#12 certificate for an agency, its password in the
    server's environment (MOTCUA_TEST_P12)."""
    monkeypatch.setenv("MOTCUA_TEST_P12", PASSWORD)

    def register(agency, **extra):
        return register_signer(
            name=f"Chứng thư số {agency}",
            backend=Backend.PKCS12,
            agency=agency,
            pkcs12_content=pki.p12(),
            secret_env="MOTCUA_TEST_P12",
            **extra,
        )

    return register


@pytest.fixture
def agency_certificate(certificate_for, tree):
    """Commune A's certificate."""
    return certificate_for(tree["commune_a"])
