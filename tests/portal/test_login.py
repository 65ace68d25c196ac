import pytest

from motcua.portal.accounts.oidc import CitizenOIDCBackend


def test_a_login_without_next_takes_staff_to_the_office_and_citizens_to_their_dossiers(
    client, citizen, staff
):
    for user, place in [(citizen, "/account/dossiers/"), (staff["receiver"], "/office/")]:
        client.post("/login/", {"username": user.username, "password": "secret-pass-1"})
        assert client.get("/account/start/")["Location"] == place
        client.logout()


def test_citizens_log_in_with_their_email_in_any_case(client, citizen):
    response = client.post("/login/", {"username": "Binh@Example.VN", "password": "secret-pass-1"})
    assert response.status_code == 302


def test_the_identity_provider_is_off_by_default(client):
    page = client.get("/login/").content.decode()
    assert "định danh điện tử" not in page
    assert client.get("/oidc/authenticate/").status_code == 404


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "motcua"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://id.example.vn/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://id.example.vn/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://id.example.vn/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    return CitizenOIDCBackend()


CLAIMS = {
    "sub": "vneid-123",
    "name": "Trần Văn Bình",
    "email": "binh@example.vn",
    "phone_number": "+84912345678",
    "birthdate": "1995-08-12",
    "id_number": "072095001234",
    "address": {"formatted": "Ấp Thạnh Hiệp, xã Tân Lập"},
}


def test_an_identity_provider_account_is_verified_and_fills_the_profile(db, backend):
    user = backend.create_user(CLAIMS)
    assert user.username == "oidc:vneid-123"
    assert user.first_name == "Trần Văn Bình"
    profile = user.citizen_profile
    assert profile.verified_at is not None
    assert (profile.phone, profile.id_number) == ("0912345678", "072095001234")
    assert profile.birth_date.isoformat() == "1995-08-12"
    assert profile.address == "Ấp Thạnh Hiệp, xã Tân Lập"
    assert list(backend.filter_users_by_claims(CLAIMS)) == [user]


def test_accounts_are_matched_by_subject_never_by_email(db, backend, citizen):
    assert not backend.filter_users_by_claims(CLAIMS).exists()
    assert not backend.verify_claims({"email": "binh@example.vn"})
