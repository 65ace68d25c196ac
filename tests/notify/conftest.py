import pytest
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.notify.sms import MemoryBackend
from motcua.org.models import Role


@pytest.fixture(autouse=True)
def _sms_in_memory(settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.notify.sms.MemoryBackend"
    MemoryBackend.sent.clear()
    yield
    MemoryBackend.sent.clear()


@pytest.fixture
def staff(tree, make_user):
    commune = tree["commune_a"]
    return {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}")
        for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)
    }


@pytest.fixture
def procedure(make_procedure):
    return make_procedure("1.000894", "Đăng ký kết hôn", days=3, online_level="full")


@pytest.fixture
def applicant():
    return Applicant(
        kind="individual",
        name="Trần Văn Bình",
        id_number="072095001234",
        phone="0912345678",
        email="binh@example.vn",
        address="Ấp Thạnh Hiệp, xã Tân Lập",
    )


@pytest.fixture
def receive(tree, staff, procedure, applicant):
    def receive(at=MONDAY, applicant=applicant):
        return lifecycle.receive(
            actor=staff["receiver"],
            procedure=procedure,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1, 2],
            at=at,
        )

    return receive
