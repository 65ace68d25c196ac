"""The staff page: upload a PKCS#12 file or register a token, see subject, issuer, validity
and a warning before expiry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from signing.conftest import KEY_LABEL, PASSWORD, PIN, TOKEN

from motcua.org.models import Role
from motcua.signing.conf import SOFTHSM_MODULE
from motcua.signing.models import Backend, SignerConfig
from motcua.signing.services import register_signer


@pytest.fixture
def admin(tree, make_user, client):
    user = make_user("quantri.xa", (Role.AGENCY_ADMIN, tree["commune_a"]), first_name="Quản trị")
    client.force_login(user)
    return user


def _upload(client, content: bytes, **fields):
    data = {
        "owner": "me",
        "name": "Chứng thư số của tôi",
        "password": PASSWORD,
        "secret_env": "",
        "file": SimpleUploadedFile("chu-ky.p12", content, "application/x-pkcs12"),
    } | fields
    return client.post("/office/signing/pkcs12/", data)


def test_upload_shows_subject_issuer_and_validity(client, admin, pki):
    response = _upload(client, pki.p12())

    assert response.status_code == 302
    config = SignerConfig.objects.get()
    assert config.user == admin and config.backend == Backend.PKCS12
    page = client.get("/office/signing/").content.decode()
    assert "CN=Nguyễn Văn An, O=UBND xã Tân Lập, C=VN" in page
    assert "CN=CA thử nghiệm motcua" in page
    # The page writes dates in Vietnam's time; valid_from is stored in UTC, so the two dates
    # differ between 17:00 and 24:00 UTC.
    assert f"{timezone.localtime(config.valid_from):%d/%m/%Y} – " in page
    assert "Còn hiệu lực" in page


def test_the_password_is_never_stored(client, admin, pki):
    _upload(client, pki.p12(), secret_env="MOTCUA_MY_P12")

    config = SignerConfig.objects.get()
    stored = " ".join(str(getattr(config, f.attname)) for f in SignerConfig._meta.concrete_fields)
    assert PASSWORD not in stored
    assert config.secret_env == "MOTCUA_MY_P12"


def test_a_wrong_password_is_shown_and_nothing_saved(client, admin, pki):
    response = _upload(client, pki.p12(), password="sai")

    assert response.status_code == 400
    assert "sai mật khẩu" in response.content.decode()
    assert not SignerConfig.objects.exists()


def test_a_certificate_expiring_in_20_days_is_warned_about(client, admin, pki, tree):
    register_signer(
        name="Chứng thư sắp hết hạn",
        backend=Backend.PKCS12,
        agency=tree["commune_a"],
        pkcs12_content=pki.p12(password=None, common_name="UBND xã Tân Lập", days=20),
    )

    page = client.get("/office/signing/").content.decode()

    assert "Chứng thư số sắp hết hạn" in page
    assert "Chứng thư sắp hết hạn (UBND xã Tân Lập): còn 20 ngày" in page
    assert "Sắp hết hạn: còn 20 ngày" in page


def test_register_a_token_reads_its_certificate(client, admin, token, tree):
    response = client.post(
        "/office/signing/token/",
        {
            "owner": str(tree["commune_a"].pk),
            "name": "USB token xã",
            "module_path": SOFTHSM_MODULE,
            "token_label": TOKEN,
            "key_label": KEY_LABEL,
            "pin": PIN,
            "secret_env": "MOTCUA_TOKEN_PIN",
            "signs_forms": "on",
        },
    )

    assert response.status_code == 302
    config = SignerConfig.objects.get()
    assert (config.agency, config.backend, config.signs_forms) == (
        tree["commune_a"],
        Backend.PKCS11,
        True,
    )
    assert config.subject.startswith("CN=Trần Thị Bích")


def test_only_allowed_pkcs11_libraries_can_be_registered(client, admin, settings):
    settings.MOTCUA_PKCS11_MODULES = [SOFTHSM_MODULE]

    response = client.post(
        "/office/signing/token/",
        {
            "owner": "me",
            "name": "x",
            "module_path": "/tmp/evil.so",
            "token_label": "t",
            "key_label": "k",
        },
    )

    assert response.status_code == 400
    assert not SignerConfig.objects.exists()


def test_agency_certificates_only_for_agencies_one_administers(client, tree, make_user, pki):
    handler = make_user("chuyenvien", (Role.HANDLER, tree["commune_a"]))
    client.force_login(handler)

    response = _upload(client, pki.p12(), owner=str(tree["commune_a"].pk))

    assert response.status_code == 400
    assert not SignerConfig.objects.exists()
    assert _upload(client, pki.p12()).status_code == 302  # their own one is fine


def test_stop_using_a_certificate(client, admin, pki):
    _upload(client, pki.p12())
    config = SignerConfig.objects.get()

    client.post(f"/office/signing/{config.pk}/deactivate/")

    config.refresh_from_db()
    assert not config.active
    assert "Ngừng dùng" in client.get("/office/signing/").content.decode()


def test_staff_without_a_role_are_turned_away(client, make_user, db):
    client.force_login(make_user("nobody"))

    assert client.get("/office/signing/").status_code == 403


def test_a_refused_file_leaves_nothing_in_the_storage(client, admin, pki, settings):
    _upload(client, pki.p12(), password="sai")

    assert not (settings.MEDIA_ROOT / "signing").exists()
