"""Logging in with the simulated national identity provider over OpenID Connect: the level
is kept, a level 2 procedure refuses a level 1 account, the application is pre-filled."""

import http.client
from urllib.parse import urlsplit

import pytest

from motcua.interop.models import NationalIdentity

LEVEL_2 = "072095001234"
LEVEL_1 = "072195004321"


@pytest.fixture
def idp(simulator, settings):
    running = simulator("vneid", "--client-id", "motcua", "--client-secret", "bi-mat")
    settings.ROOT_URLCONF = "interop.oidc_urls"
    settings.MOTCUA_OIDC = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "motcua.portal.accounts.oidc.CitizenOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "motcua"
    settings.OIDC_RP_CLIENT_SECRET = "bi-mat"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = running.url + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = running.url + "/token"
    settings.OIDC_OP_USER_ENDPOINT = running.url + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = running.url + "/jwks"
    return running


def log_in(client, idp, id_number, next_url="/"):
    """The browser's round trip: our redirect to the provider, the provider's redirect back."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    authorize = urlsplit(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}" == idp.url
    connection = http.client.HTTPConnection(authorize.hostname, authorize.port, timeout=10)
    connection.request("GET", f"{authorize.path}?{authorize.query}&login_hint={id_number}")
    back = urlsplit(connection.getresponse().getheader("Location"))
    connection.close()
    return client.get(f"{back.path}?{back.query}")


def test_a_level_2_login_keeps_its_level_and_pre_fills_the_application(
    client, idp, make_procedure, tree
):
    make_procedure("1.001193", "Đăng ký khai sinh", online_level="full", identity_level=2)
    done = log_in(client, idp, LEVEL_2, next_url="/apply/1.001193/")
    assert done.status_code == 302 and done["Location"] == "/apply/1.001193/"
    identity = NationalIdentity.objects.get()
    assert (identity.subject, identity.level) == ("vneid-072095001234", 2)
    page = client.get("/apply/1.001193/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["applicant_name"] == "Trần Văn Bình"
    assert form.initial["applicant_id_number"] == LEVEL_2
    assert form.initial["applicant_phone"] == "0912345678"


def test_a_level_1_account_is_asked_for_level_2(client, idp, make_procedure, tree):
    make_procedure("1.001193", "Đăng ký khai sinh", online_level="full", identity_level=2)
    make_procedure("1.000894", "Đăng ký kết hôn", online_level="full")
    log_in(client, idp, LEVEL_1)
    assert NationalIdentity.objects.get().level == 1
    refused = client.get("/apply/1.001193/")
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "Cần tài khoản định danh điện tử mức độ 2" in text
    assert "Tài khoản ông/bà đang dùng là mức độ 1" in text
    assert client.get("/apply/1.000894/").status_code == 200


def test_a_portal_account_without_national_identity_is_refused_level_2(
    client, make_procedure, tree, make_user
):
    make_procedure("1.001193", "Đăng ký khai sinh", online_level="full", identity_level=2)
    client.force_login(make_user("binh@example.vn"))
    refused = client.get("/apply/1.001193/")
    assert refused.status_code == 403
    assert "chưa qua định danh điện tử" in refused.content.decode()
