import pytest

from motcua.interop.clients import create_client


@pytest.fixture
def online_procedure(make_procedure):
    """Birth registration, fully online, at communes."""
    return make_procedure("1.001193", "Đăng ký khai sinh", online_level="full", fee_amount=0)


@pytest.fixture
def api_client(tree):
    """A read-write client of the district (communes A and B are below it) and its token."""
    client, token = create_client("cong-tinh", agency=tree["district"], scopes=["read", "write"])
    return client, token


@pytest.fixture
def bearer(api_client):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_client[1]}"}


@pytest.fixture
def dossier_body(tree, online_procedure):
    return {
        "procedure": "1.001193",
        "agency": tree["commune_a"].code,
        "channel": "online",
        "external_id": "TINH-2025-0001",
        "applicant": {"name": "Trần Văn Bình", "id_number": "072095001234", "phone": "0912345678"},
    }
