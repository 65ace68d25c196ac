"""Re-organising agencies with a plan: merge, split, rename, move; open dossiers follow,
closed ones stay; a plan that leaves something without a home is refused, naming it."""

from datetime import date, time, timedelta

import pytest
from openpyxl import Workbook
from support import MONDAY, vn, walk_to

from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import Dossier, EventKind, Status
from motcua.org import places, reorganise
from motcua.org.access import may
from motcua.org.models import Agency, Reorganisation, Role, RoleAssignment
from motcua.org.plans import PlanError, normalised, read_plan
from motcua.workdays.models import WorkingSession

DAY = date(2025, 7, 1)
NEW = "000.00.72.H56"  # the commune formed by the merge
SOUTH = "000.00.73.H56"  # one of the split's two successors


def plan(**changes) -> dict:
    """Communes A and B merge into a new commune; the department is split between the new
    commune and a second one by residence; the district ends into the province, which is
    renamed."""
    base = {
        "name": "Sắp xếp đơn vị hành chính cấp xã",
        "basis": "Nghị quyết 1682/NQ-UBTVQH15",
        "effective": DAY,
        "agencies": [
            {
                "code": NEW,
                "name": "UBND xã Tân Lập (mới)",
                "kind": "commune",
                "parent": "000.00.00.H56",
            },
            {
                "code": SOUTH,
                "name": "UBND xã Tân Biên",
                "kind": "commune",
                "parent": "000.00.00.H56",
            },
        ],
        "merge": [
            {"from": ["000.21.21.H56", "000.22.21.H56"], "into": NEW, "roles": "move"},
            {"from": ["000.00.21.H56"], "into": "000.00.00.H56", "roles": "end"},
        ],
        "split": [
            {
                "from": "000.01.21.H56",
                "into": [NEW, SOUTH],
                "dossiers": "residence",
                "roles": "end",
            },
        ],
        "rename": [{"agency": "000.00.00.H56", "name": "UBND tỉnh Tây Ninh (mới)"}],
        "addresses": [
            {"old": "xã Tân Lập", "new": "xã Tân Lập, tỉnh Tây Ninh", "agency": NEW},
            {"old": "xã Thạnh Bắc", "new": "xã Tân Lập, tỉnh Tây Ninh", "agency": NEW},
            {"old": "thị trấn Tân Biên", "new": "xã Tân Biên, tỉnh Tây Ninh", "agency": SOUTH},
        ],
    }
    return normalised(base | changes)


def received_at_department(receive, staff, tree, procedure, address):
    procedure.agency_kinds.add(tree["kinds"]["department"])
    RoleAssignment.objects.get_or_create(
        user=staff["receiver"], agency=tree["department"], role=Role.RECEIVER
    )
    return receive(
        agency=tree["department"],
        applicant=Applicant(
            kind="individual", name="Lê Thị Hoa", id_number="072095009999", address=address
        ),
    )


def test_a_plan_moves_open_dossiers_keeps_closed_ones_and_records_the_tree(
    tree, staff, receive, procedure
):
    open_dossier = receive()
    due_before = open_dossier.due_at
    closed = walk_to(receive(), staff, "returned", MONDAY + timedelta(days=1))
    south = received_at_department(receive, staff, tree, procedure, "Khu phố 2, thị trấn Tân Biên")
    reorganisation = reorganise.record(plan())

    done = reorganise.apply(reorganisation, at=vn(2025, 7, 1, 0))

    new, province = Agency.objects.get(code=NEW), Agency.objects.get(code="000.00.00.H56")
    commune_a = Agency.objects.get(pk=tree["commune_a"].pk)
    assert commune_a.valid_to == date(2025, 6, 30)
    assert list(commune_a.successors.values_list("code", flat=True)) == [NEW]
    assert new.valid_from == DAY and new.in_force_on(DAY) and not commune_a.in_force_on(DAY)
    assert set(
        Agency.objects.get(pk=tree["department"].pk).successors.values_list("code", flat=True)
    ) == {NEW, SOUTH}
    assert province.name == "UBND tỉnh Tây Ninh (mới)" and province.valid_to is None

    open_dossier.refresh_from_db()
    assert (open_dossier.receiving_agency, open_dossier.handling_agency) == (new, new)
    assert open_dossier.current_agency == new
    event = open_dossier.events.order_by("-sequence").first()
    assert event.kind == EventKind.TRANSFER and event.at == vn(2025, 7, 1, 0)
    assert event.payload["from"] == {"receiving": "000.21.21.H56", "handling": "000.21.21.H56"}
    assert event.note == "Nghị quyết 1682/NQ-UBTVQH15"
    assert open_dossier.due_at == due_before and open_dossier.code.startswith("000.21.21.H56")
    south.refresh_from_db()
    assert south.handling_agency.code == SOUTH  # by the applicant's residence
    closed.refresh_from_db()
    assert closed.status == Status.RETURNED and closed.handling_agency == tree["commune_a"]
    assert not closed.events.filter(kind=EventKind.TRANSFER).exists()

    # Roles: the communes' staff now work at the new commune; the department's ended.
    assert may(staff["handler"], Role.HANDLER, new)
    assert may(staff["other_handler"], Role.HANDLER, new)
    assert not RoleAssignment.objects.filter(agency=tree["department"]).exists()
    assert done.outcome["dossiers_moved"] == 2
    assert "000.21.21.H56" in done.outcome["ended"]
    assert places.residence_agency("Ấp 3, xã Thạnh Bắc, huyện Tân Biên") == new
    assert places.current_address("Khu phố 1, Thị Trấn TÂN BIÊN") == "xã Tân Biên, tỉnh Tây Ninh"


def test_the_moved_dossier_is_finished_by_the_successor(tree, staff, receive):
    dossier = receive()
    reorganise.apply(reorganise.record(plan()), at=vn(2025, 7, 1, 0))
    finished = walk_to(Dossier.objects.get(pk=dossier.pk), staff, "returned", vn(2025, 7, 2, 9))
    assert finished.status == Status.RETURNED
    assert finished.events.filter(kind=EventKind.RETURN_RESULT, agency__code=NEW).exists()


def test_a_plan_that_leaves_a_role_a_dossier_or_a_unit_without_a_home_is_refused(
    tree, staff, receive, procedure
):
    homeless = received_at_department(receive, staff, tree, procedure, "Ấp Thạnh Hiệp")
    before = Dossier.objects.get(pk=homeless.pk)
    without_roles = plan(
        merge=[
            {"from": ["000.21.21.H56", "000.22.21.H56"], "into": NEW},
            {"from": ["000.00.21.H56"], "into": "000.00.00.H56", "roles": "end"},
        ]
    )
    with pytest.raises(PlanError) as refused:
        reorganise.record(without_roles)
    problems = "\n".join(refused.value.problems)
    assert "receiver.a" in problems and "không có nơi chuyển đến" in problems
    assert homeless.code in problems  # no residence rule matches "Ấp Thạnh Hiệp"
    orphan = plan(
        merge=[{"from": ["000.00.21.H56"], "into": "000.00.00.H56", "roles": "end"}], split=[]
    )
    with pytest.raises(PlanError) as refused:
        reorganise.check(orphan)
    assert "000.01.21.H56" in "\n".join(refused.value.problems)
    assert "không còn cơ quan cấp trên" in "\n".join(refused.value.problems)
    assert not Reorganisation.objects.exists()
    assert Agency.objects.get(pk=tree["commune_a"].pk).valid_to is None
    after = Dossier.objects.get(pk=homeless.pk)
    assert (after.version, after.handling_agency_id) == (before.version, before.handling_agency_id)


def test_unknown_codes_and_double_ends_are_named(tree):
    bad = plan(
        merge=[
            {"from": ["000.21.21.H56", "000.99.99.H56"], "into": NEW, "roles": "end"},
            {"from": ["000.21.21.H56"], "into": SOUTH, "roles": "end"},
        ],
        split=[],
    )
    with pytest.raises(PlanError) as refused:
        reorganise.check(bad)
    problems = refused.value.problems
    assert any("000.99.99.H56" in p for p in problems)
    assert any("kết thúc hai lần" in p for p in problems)


def test_a_move_takes_the_subtree_and_calendars_and_roles_follow(tree, staff):
    WorkingSession.objects.create(
        agency=tree["commune_a"], weekday=5, start=time(7), end=time(11, 30)
    )
    moved = plan(
        move=[{"agency": "000.22.21.H56", "parent": "000.00.00.H56"}],
        merge=[
            {"from": ["000.21.21.H56"], "into": NEW, "roles": "move"},
            {"from": ["000.00.21.H56"], "into": "000.00.00.H56", "roles": "end"},
        ],
        split=[{"from": "000.01.21.H56", "into": [NEW, SOUTH], "dossiers": NEW, "roles": "end"}],
    )
    done = reorganise.apply(reorganise.record(moved), at=vn(2025, 7, 1, 0))
    commune_b = Agency.objects.get(pk=tree["commune_b"].pk)
    assert commune_b.parent.code == "000.00.00.H56" and commune_b.valid_to is None
    assert commune_b.path.startswith(Agency.objects.get(code="000.00.00.H56").path)
    assert WorkingSession.objects.filter(agency__code=NEW, weekday=5).exists()
    assert done.outcome["calendars_followed"] == [f"000.21.21.H56 → {NEW}"]


def test_a_future_plan_waits_for_its_day(tree, staff, receive):
    dossier = receive()
    future = plan(effective=date.today() + timedelta(days=30))
    reorganisation = reorganise.record(future)
    assert reorganise.apply_due() == []
    assert Agency.objects.get(pk=tree["commune_a"].pk).valid_to is None
    later = vn(*(future["effective"] + timedelta(days=1)).timetuple()[:3], 8)
    applied = reorganise.apply_due(later)
    assert [r.pk for r in applied] == [reorganisation.pk]
    dossier.refresh_from_db()
    assert dossier.handling_agency.code == NEW
    with pytest.raises(PlanError):
        reorganise.apply(reorganisation)  # once only


def test_an_xlsx_plan_reads_as_its_toml_twin(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "plan"
    for row in [("name", "Sắp xếp"), ("basis", "NQ 1682"), ("effective", "2025-07-01")]:
        sheet.append(row)
    merge = book.create_sheet("merge")
    merge.append(["from", "into", "roles"])
    merge.append(["000.21.21.H56; 000.22.21.H56", NEW, "move"])
    book.save(tmp_path / "plan.xlsx")
    (tmp_path / "plan.toml").write_text(
        'name = "Sắp xếp"\nbasis = "NQ 1682"\neffective = 2025-07-01\n\n[[merge]]\n'
        f'from = ["000.21.21.H56", "000.22.21.H56"]\ninto = "{NEW}"\nroles = "move"\n',
        encoding="utf-8",
    )
    assert read_plan(tmp_path / "plan.xlsx") == read_plan(tmp_path / "plan.toml")


def test_a_plan_without_date_or_with_unknown_tables_is_refused(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('name = "X"\n[[merges]]\nfrom = []\n', encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        read_plan(path)
    assert any("ngày có hiệu lực" in p for p in refused.value.problems)
    assert any("merges" in p for p in refused.value.problems)


def test_the_admin_shows_plans_read_only_and_agencies_with_their_successors(
    client, tree, staff, admin_user
):
    done = reorganise.apply(reorganise.record(plan()), at=vn(2025, 7, 1, 0))
    client.force_login(admin_user)
    page = client.get(f"/admin/org/reorganisation/{done.pk}/change/")
    assert page.status_code == 200 and "Nghị quyết 1682/NQ-UBTVQH15" in page.text
    assert client.get("/admin/org/reorganisation/add/").status_code == 403
    commune = client.get(f"/admin/org/agency/{tree['commune_a'].pk}/change/")
    assert commune.status_code == 200 and "UBND xã Tân Lập (mới)" in commune.text
    addresses = client.get("/admin/org/addresschange/", {"q": "Thạnh Bắc"})
    assert "xã Tân Lập, tỉnh Tây Ninh" in addresses.text
