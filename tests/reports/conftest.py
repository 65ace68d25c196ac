"""Fixtures of the report tests: commune A's staff per role (and a reporter), commune B's
receiver, two procedures in two fields, an applicant and a helper to receive dossiers."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import Channel, Delivery
from motcua.org import reorganise
from motcua.org.models import Agency, Role, RoleAssignment
from motcua.org.plans import normalised

ROLES = (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER)


@pytest.fixture
def staff(tree, make_user):
    commune = tree["commune_a"]
    return {
        role: make_user(f"{role}.a", (role, commune), first_name=f"Cán bộ {role}") for role in ROLES
    } | {"other_" + role: make_user(f"{role}.b", (role, tree["commune_b"])) for role in ROLES}


@pytest.fixture
def marriage(make_procedure):
    return make_procedure("1.000894", "Đăng ký kết hôn", days=3, online_level="full")


@pytest.fixture
def copy_cert(make_procedure):
    return make_procedure(
        "2.000815", "Chứng thực bản sao", field=("CT", "Chứng thực"), days=2, fee_amount=2000
    )


@pytest.fixture
def applicant():
    return Applicant(
        kind="individual",
        name="Trần Văn Bình",
        id_number="072095001234",
        phone="0912 345 678",
        address="Ấp Thạnh Hiệp, xã Tân Lập",
    )


@pytest.fixture
def receive(tree, staff, marriage, applicant):
    def receive(at=MONDAY, **extra):
        commune = extra.pop("agency", tree["commune_a"])
        actor = extra.pop(
            "actor", staff["receiver" if commune == tree["commune_a"] else "other_receiver"]
        )
        return lifecycle.receive(
            actor=actor,
            procedure=extra.pop("procedure", marriage),
            agency=commune,
            applicant=applicant,
            documents_received=[1, 2],
            at=at,
            **extra,
        )

    return receive


@pytest.fixture
def history(tree, staff, receive, marriage, copy_cert, applicant) -> dict:
    """A small hand-built history (February-March 2025, two communes) whose every figure is
    worked out by hand in the comments below; the report tests check them.

    Commune A (marriage: 3 working days, field HT; copy: 2 working days, field CT, fee):
      A1 marriage  received Mon 24/02 09:00, due Thu 27/02 09:00, returned Wed 26/02: early
      A2 marriage  received Wed 26/02 09:00, due Mon 03/03 09:00, returned Mon 03/03 08:00: on time
      A3 marriage  received Thu 27/02 09:00, due Tue 04/03 09:00, returned Wed 05/03: late
      A4 copy      received Fri 28/02 14:00, due Tue 04/03 14:00; supplement asked Mon 03/03
                   09:00, brought Mon 10/03 09:00 (11 working hours were left: new due Tue
                   11/03 14:00), returned Tue 11/03 10:00: on time
      A5 marriage  submitted online Sat 01/03, accepted Mon 03/03 08:00, refused Fri 07/03
      A6 marriage  received Mon 03/03 10:00, withdrawn Tue 04/03 09:30
      A7 copy      refused at reception Mon 03/03 (form 03): never received
      A8 marriage  received Tue 25/03 09:00, due Fri 28/03 09:00, apology Thu 27/03, still open
    Commune B:
      B1 marriage  received by post Mon 03/03 09:00, returned Tue 04/03: early
    """

    other = {
        role: staff["other_" + role] for role in ("receiver", "handler", "approver", "returner")
    }
    d = {}
    d["A1"] = walk_to(receive(at=vn(2025, 2, 24, 9)), staff, "returned", vn(2025, 2, 26, 10))
    d["A2"] = walk_to(receive(at=vn(2025, 2, 26, 9)), staff, "returned", vn(2025, 3, 3, 8))
    d["A3"] = walk_to(receive(at=vn(2025, 2, 27, 9)), staff, "returned", vn(2025, 3, 5, 10))

    a4 = receive(at=vn(2025, 2, 28, 14), procedure=copy_cert)
    a4 = lifecycle.request_supplement(
        a4, actor=staff["receiver"], items=["Bản chính để đối chiếu"], at=vn(2025, 3, 3, 9)
    )
    a4 = lifecycle.receive_supplement(a4, actor=staff["receiver"], at=vn(2025, 3, 10, 9))
    assert a4.due_at == vn(2025, 3, 11, 14)
    d["A4"] = walk_to(a4, staff, "returned", vn(2025, 3, 11, 10))

    a5 = lifecycle.submit(
        applicant_user=None,
        procedure=marriage,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=vn(2025, 3, 1, 20),
    )
    a5 = lifecycle.accept(a5, actor=staff["receiver"], at=vn(2025, 3, 3, 8))
    d["A5"] = lifecycle.refuse(
        a5, actor=staff["receiver"], reason="Không đủ điều kiện", at=vn(2025, 3, 7, 9)
    )

    a6 = receive(at=vn(2025, 3, 3, 10))
    d["A6"] = lifecycle.withdraw(
        a6, actor=staff["receiver"], reason="Xin rút", at=vn(2025, 3, 4, 9, 30)
    )
    d["A7"] = lifecycle.refuse_at_reception(
        actor=staff["receiver"],
        procedure=copy_cert,
        agency=tree["commune_a"],
        applicant=applicant,
        reason="Không thuộc thẩm quyền",
        at=vn(2025, 3, 3, 11),
    )
    a8 = lifecycle.forward(
        receive(at=vn(2025, 3, 25, 9)), actor=staff["receiver"], at=vn(2025, 3, 25, 10)
    )
    d["A8"] = lifecycle.apologise_and_reschedule(
        a8,
        actor=staff["handler"],
        reason="Chờ xác minh",
        new_appointment=vn(2025, 4, 2, 9),
        at=vn(2025, 3, 27, 9),
    )
    b1 = receive(
        at=vn(2025, 3, 3, 9),
        agency=tree["commune_b"],
        channel=Channel.POSTAL,
        delivery=Delivery.POST,
    )
    d["B1"] = walk_to(b1, other, "returned", vn(2025, 3, 4, 10))
    return d


SUCCESSORS = {"m": "000.31.21.H56", "s1": "000.32.21.H56", "s2": "000.33.21.H56"}


def reorganisation_plan(effective: datetime) -> dict:
    """Communes A and B merge into M; commune D ("xã Thạnh Tây") splits into S1 and S2,
    its dossiers going by the applicant's residence (ấp Hòa Đông: S1, ấp Phước Lợi: S2)."""
    district = "000.00.21.H56"
    created = [("m", "UBND xã Tân Lập"), ("s1", "UBND xã Hòa Hiệp"), ("s2", "UBND xã Phước Vinh")]
    return normalised(
        {
            "name": "Sắp xếp đơn vị hành chính cấp xã (thử)",
            "basis": "Nghị quyết thử nghiệm",
            "effective": effective.date().isoformat(),
            "agencies": [
                {"code": SUCCESSORS[key], "name": name, "kind": "commune", "parent": district}
                for key, name in created
            ],
            "merge": [
                {
                    "from": ["000.21.21.H56", "000.22.21.H56"],
                    "into": SUCCESSORS["m"],
                    "roles": "move",
                }
            ],
            "split": [
                {
                    "from": "000.23.21.H56",
                    "into": [SUCCESSORS["s1"], SUCCESSORS["s2"]],
                    "dossiers": "residence",
                    "roles": SUCCESSORS["s1"],
                }
            ],
            "addresses": [
                {
                    "old": "ấp Hòa Đông, xã Thạnh Tây",
                    "new": "xã Hòa Hiệp",
                    "agency": SUCCESSORS["s1"],
                },
                {
                    "old": "ấp Phước Lợi, xã Thạnh Tây",
                    "new": "xã Phước Vinh",
                    "agency": SUCCESSORS["s2"],
                },
            ],
        }
    )


@pytest.fixture
def reorganisation(tree, staff, make_user):
    """A third commune D with its staff, and `apply(effective)`: the plan above recorded
    and carried out with its transfers at `effective`; it returns the successors by key."""
    commune_d = Agency.objects.create(
        code="000.23.21.H56",
        name="UBND xã Thạnh Tây",
        kind=tree["kinds"]["commune"],
        parent=tree["district"],
    )
    people = {role: make_user(f"{role}.d", (role, commune_d)) for role in ROLES}

    def apply(effective: datetime) -> dict[str, Agency]:
        reorganise.apply(reorganise.record(reorganisation_plan(effective)), at=effective)
        after = {key: Agency.objects.get(code=code) for key, code in SUCCESSORS.items()}
        # Commune D's staff also serve S2 (the plan moved their roles to S1).
        for user, role in RoleAssignment.objects.filter(agency=after["s1"]).values_list(
            "user", "role"
        ):
            RoleAssignment.objects.get_or_create(user_id=user, agency=after["s2"], role=role)
        return after

    return SimpleNamespace(commune_d=commune_d, staff=people, apply=apply)
