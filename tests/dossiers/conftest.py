import pytest
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role


@pytest.fixture
def staff(tree, make_user):
    commune = tree["commune_a"]
    return {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}")
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)
    } | {
        "other_" + role: make_user(f"{role}.b", (role, tree["commune_b"]))
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)
    }


@pytest.fixture
def procedure(make_procedure):
    return make_procedure("1.000894", "Đăng ký kết hôn", days=3)


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
            actor=staff["receiver"],
            procedure=extra.pop("procedure", procedure),
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1, 2],
            at=at,
            **extra,
        )

    return receive
