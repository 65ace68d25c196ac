from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from support import MONDAY

from motcua.catalog.models import Field, Procedure, ProcessStep, RequiredDocument
from motcua.catalog.services import publish
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Agency, AgencyKind, Role, RoleAssignment


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Every test writes its files under its own temporary folder; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (pages cached by another test are gone)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login` logs in with both factors, as a staff member who typed the
    code; tests of the second factor itself log in through the login page."""
    from django.test import Client
    from support import pass_second_factor

    from motcua.security.staff import needs_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_second_factor(user):
            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _rule_sets_after_a_flush(request):
    """Tests that run outside a transaction start after another one flushed the database:
    put back the rule sets its data migration seeded (the lifecycle needs them)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from motcua.rules.models import RuleSet
    from motcua.rules.seed import seed_rule_sets

    seed_rule_sets(RuleSet)


@pytest.fixture
def tree(db):
    """A small agency tree: province > district > (department, commune A, commune B)."""
    kinds = {
        code: AgencyKind.objects.create(code=code, name=name)
        for code, name in [
            ("province", "Tỉnh"),
            ("district", "Huyện"),
            ("department", "Phòng chuyên môn"),
            ("commune", "Xã, phường, thị trấn"),
        ]
    }
    province = Agency.objects.create(
        code="000.00.00.H56", name="UBND tỉnh Tây Ninh", kind=kinds["province"]
    )
    district = Agency.objects.create(
        code="000.00.21.H56", name="UBND huyện Tân Biên", kind=kinds["district"], parent=province
    )
    department = Agency.objects.create(
        code="000.01.21.H56", name="Phòng Tư pháp", kind=kinds["department"], parent=district
    )
    commune_a = Agency.objects.create(
        code="000.21.21.H56", name="UBND xã Tân Lập", kind=kinds["commune"], parent=district
    )
    commune_b = Agency.objects.create(
        code="000.22.21.H56", name="UBND xã Thạnh Bắc", kind=kinds["commune"], parent=district
    )
    return {
        "kinds": kinds,
        "province": province,
        "district": district,
        "department": department,
        "commune_a": commune_a,
        "commune_b": commune_b,
    }


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: tuple[str, Agency], **extra):
        user = get_user_model().objects.create_user(
            username=username, password="secret-pass-1", **extra
        )
        for role, agency in roles:
            RoleAssignment.objects.create(user=user, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def make_procedure(tree):
    """A procedure with two documents and four steps that add up to its legal time."""

    def make(code="1.000894", name="Đăng ký kết hôn", field=("HT", "Hộ tịch"), days=3, **extra):
        field_obj, _ = Field.objects.get_or_create(code=field[0], defaults={"name": field[1]})
        procedure = Procedure.objects.create(
            code=code,
            name=name,
            field=field_obj,
            time_quantity=Decimal(days),
            time_unit="working_days",
            applicant_types=["individual"],
            **extra,
        )
        procedure.agency_kinds.add(tree["kinds"]["commune"])
        RequiredDocument.objects.create(
            procedure=procedure, order=1, name="Tờ khai", form="original"
        )
        RequiredDocument.objects.create(
            procedure=procedure, order=2, name="Giấy tờ tùy thân", form="copy", mandatory=False
        )
        total = Decimal(days * 8) if days else Decimal(8)
        steps = [
            ("receiver", "receiving_desk", Decimal(1)),
            ("handler", "handling_department", total - 4),
            ("approver", "leadership", Decimal(2)),
            ("returner", "receiving_desk", Decimal(1)),
        ]
        for order, (role, performer, hours) in enumerate(steps, start=1):
            ProcessStep.objects.create(
                procedure=procedure,
                order=order,
                name=f"Bước {order}",
                role=role,
                performer=performer,
                hours=hours,
            )
        publish(procedure)
        return procedure

    return make


STAFF_ROLES = (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)


@pytest.fixture
def staff(tree, make_user):
    """One user per desk and handling role at commune A (`staff["handler"]`), and the same
    at commune B (`staff["other_handler"]`)."""
    commune = tree["commune_a"]
    return {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}")
        for role in STAFF_ROLES
    } | {"other_" + role: make_user(f"{role}.b", (role, tree["commune_b"])) for role in STAFF_ROLES}


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
    """`receive(at=..., **extra)` receives a complete dossier at commune A's desk."""

    def receive(at=MONDAY, **extra):
        return lifecycle.receive(
            actor=extra.pop("actor", staff["receiver"]),
            procedure=extra.pop("procedure", procedure),
            agency=extra.pop("agency", tree["commune_a"]),
            applicant=extra.pop("applicant", applicant),
            documents_received=extra.pop("documents_received", [1, 2]),
            at=at,
            **extra,
        )

    return receive
