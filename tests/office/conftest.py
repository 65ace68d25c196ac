"""Fixtures of the office tests: one commune's staff per role, another commune's, a
procedure, an applicant, and helpers to receive a dossier and to post the reception form."""

import pytest
from django.test import Client
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role

ROLES = (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)


@pytest.fixture
def staff(tree, make_user):
    commune = tree["commune_a"]
    return {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}") for role in ROLES
    } | {"other_" + role: make_user(f"{role}.b", (role, tree["commune_b"])) for role in ROLES}


@pytest.fixture
def procedure(make_procedure):
    return make_procedure("1.000894", "Đăng ký kết hôn", days=3, fee_amount=75000)


@pytest.fixture
def applicant():
    return Applicant(
        kind="individual",
        name="Trần Văn Bình",
        id_number="072095001234",
        phone="0912 345 678",
        email="binh@example.vn",
        address="Ấp Thạnh Hiệp, xã Tân Lập",
    )


@pytest.fixture
def receive(tree, staff, procedure, applicant):
    def receive(at=MONDAY, **extra):
        return lifecycle.receive(
            actor=extra.pop("actor", staff["receiver"]),
            procedure=extra.pop("procedure", procedure),
            agency=extra.pop("agency", tree["commune_a"]),
            applicant=extra.pop("applicant", applicant),
            documents_received=[1, 2],
            at=at,
            **extra,
        )

    return receive


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
