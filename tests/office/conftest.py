"""Fixtures of the office tests: a logged-in client and the reception form's data."""

import pytest
from django.test import Client


@pytest.fixture
def client_for(db):
    """A test client logged in as `user`."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def reception_data(tree):
    """What a receiver types into the reception form (override any key)."""

    def make(**changes) -> dict:
        data = {
            "agency": str(tree["commune_a"].pk),
            "handling_agency": "",
            "applicant_kind": "individual",
            "applicant_name": "Nguyễn Thị Hồng",
            "applicant_id_number": "072190004321",
            "applicant_birth_date": "05/09/1990",
            "applicant_phone": "0987 654 321",
            "applicant_email": "hong@example.vn",
            "applicant_address": "Ấp Thạnh Phú, xã Tân Lập",
            "documents": ["1", "2"],
            "sets": "1",
            "fee_amount": "75.000",
            "delivery": "desk",
            "note": "",
            "receive": "1",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make
