import pytest
from django.contrib.auth import get_user_model
from support import MONDAY, blank_pdf, walk_to

from motcua.catalog.models import FormField
from motcua.catalog.services import publish
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Role
from motcua.portal.models import CitizenProfile

PASSWORD = "secret-pass-1"
PDF = blank_pdf()


@pytest.fixture(autouse=True)
def _portal_settings(settings, db):
    """The local test gateway on, VNPAY off."""
    settings.MOTCUA_TEST_GATEWAY = True
    settings.MOTCUA_VNPAY_TMN_CODE = ""


@pytest.fixture
def citizen(db):
    """A verified citizen with a complete profile."""
    user = get_user_model().objects.create_user(
        username="binh@example.vn",
        email="binh@example.vn",
        password=PASSWORD,
        first_name="Trần Văn Bình",
    )
    CitizenProfile.objects.create(
        user=user,
        phone="0912345678",
        id_number="072095001234",
        address="Ấp Thạnh Hiệp, xã Tân Lập",
        verified_at=MONDAY,
    )
    return user


@pytest.fixture
def other_citizen(db):
    return get_user_model().objects.create_user(username="0987654321", password=PASSWORD)


@pytest.fixture
def online_procedure(make_procedure):
    """A fully online procedure with a fee and three declared questions."""
    procedure = make_procedure(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        field=("HKD", "Hộ kinh doanh"),
        online_level="full",
        fee_amount=75000,
    )
    FormField.objects.create(
        procedure=procedure,
        order=1,
        name="ten_ho_kinh_doanh",
        label="Tên hộ kinh doanh",
        kind="text",
    )
    FormField.objects.create(
        procedure=procedure, order=2, name="von", label="Vốn kinh doanh (đồng)", kind="number"
    )
    FormField.objects.create(
        procedure=procedure,
        order=3,
        name="nganh_nghe",
        label="Ngành nghề",
        kind="choice",
        choices="Bán lẻ\nĂn uống\nDịch vụ",
    )
    publish(procedure)
    return procedure


@pytest.fixture
def submit(tree, citizen, online_procedure):
    """An online dossier of `citizen`, with the declaration as its first document."""

    def submit(at=MONDAY, user=citizen):
        dossier = lifecycle.submit(
            applicant_user=user,
            procedure=online_procedure,
            agency=tree["commune_a"],
            applicant=Applicant(
                kind="individual",
                name="Trần Văn Bình",
                id_number="072095001234",
                phone="0912345678",
                email="binh@example.vn",
            ),
            documents_received=[1],
            form_data={"ten_ho_kinh_doanh": "Tạp hóa Bình An"},
            at=at,
        )
        lifecycle.attach_file(
            dossier,
            actor=user,
            kind="document",
            content=PDF,
            name="to-khai.pdf",
            document_order=1,
            at=at,
        )
        dossier.refresh_from_db()
        return dossier

    return submit


@pytest.fixture
def pdf():
    return PDF


@pytest.fixture
def walk(staff):
    """Accept an online dossier and take it along the happy path up to `status`."""

    def walk(dossier, status, at=MONDAY):
        return _walk(dossier, staff, status, at)

    return walk


def _walk(dossier, staff, status, at):
    if dossier.status == "submitted":
        dossier = lifecycle.accept(dossier, actor=staff[Role.RECEIVER], at=at)
    return walk_to(dossier, staff, status, at)


@pytest.fixture
def started(client, citizen, tree, online_procedure):
    """Step 1 done: the draft holds the details."""
    client.force_login(citizen)
    client.post(
        "/apply/1.001612/",
        {
            "applicant_kind": "individual",
            "applicant_name": "Trần Văn Bình",
            "applicant_id_number": "072095001234",
            "applicant_phone": "0912345678",
            "agency": str(tree["commune_a"].pk),
            "delivery": "online",
            "field_ten_ho_kinh_doanh": "Tạp hóa Bình An",
            "field_von": "1.000.000",
            "field_nganh_nghe": "Bán lẻ",
        },
    )
    return client
