import pytest
from django.urls import reverse
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.queries import QUEUES, work_queue

WEDNESDAY_10 = vn(2025, 3, 5, 10)  # the dossiers received Monday 09:00 are due Thursday 09:00
THURSDAY_10 = vn(2025, 3, 6, 10)


@pytest.fixture
def dossiers(receive, staff, make_procedure, tree):
    """One dossier at each stage of the commune's work, all received on Monday."""
    online = make_procedure("1.001193", "Đăng ký khai sinh", online_level="full")
    submitted = lifecycle.submit(
        applicant_user=None,
        procedure=online,
        agency=tree["commune_a"],
        applicant=Applicant(kind="individual", name="Lý Thị Mai", id_number="072095007777"),
        documents_received=[1],
        at=MONDAY,
    )
    waiting = lifecycle.request_supplement(
        receive(), actor=staff["receiver"], items=["Ảnh"], at=MONDAY
    )
    return {
        "submitted": submitted,
        "received": receive(),
        "in_progress": walk_to(receive(), staff, "in_progress", MONDAY),
        "at_handler": lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY),
        "approving": lifecycle.forward(
            lifecycle.forward(receive(), actor=staff["receiver"], at=MONDAY),
            actor=staff["handler"],
            at=MONDAY,
        ),
        "approved": walk_to(receive(), staff, "approved", MONDAY),
        "result_ready": walk_to(receive(), staff, "result_ready", MONDAY),
        "returned": walk_to(receive(), staff, "returned", MONDAY),
        "waiting": waiting,
    }


def work_queues(user, now) -> dict:
    return {name: work_queue(user, now, name) for name in QUEUES}


def codes(queryset) -> set[str]:
    return {d.code for d in queryset}


def test_each_role_finds_its_own_work(dossiers, staff):
    d = {name: dossier.code for name, dossier in dossiers.items()}
    expected = {
        "receiver": {
            "receive": {d["submitted"]},
            "handle": {d["received"]},
            "supplement": {d["waiting"]},
        },
        "handler": {"handle": {d["in_progress"], d["at_handler"]}, "supplement": {d["waiting"]}},
        "approver": {"approve": {d["approving"]}},
        "returner": {"return": {d["approved"], d["result_ready"]}},
    }
    for role, queues in expected.items():
        found = work_queues(staff[role], MONDAY)
        for name in ("receive", "handle", "approve", "return", "supplement"):
            assert codes(found[name]) == queues.get(name, set()), (role, name)


def test_another_communes_staff_have_empty_queues(dossiers, staff):
    for role in ("receiver", "handler", "approver", "returner"):
        found = work_queues(staff["other_" + role], THURSDAY_10)
        assert all(not queue.exists() for queue in found.values()), role


def test_due_within_a_working_day_and_overdue_are_the_users_own(dossiers, staff):
    handler = staff["handler"]
    mine = {dossiers["in_progress"].code, dossiers["at_handler"].code}
    assert codes(work_queues(handler, MONDAY)["due_soon"]) == set()
    assert codes(work_queues(handler, WEDNESDAY_10)["due_soon"]) == mine
    assert codes(work_queues(handler, WEDNESDAY_10)["overdue"]) == set()
    assert codes(work_queues(handler, THURSDAY_10)["overdue"]) == mine
    # Waiting for the applicant, the deadline does not run: never overdue.
    assert dossiers["waiting"].code not in codes(
        work_queues(staff["receiver"], THURSDAY_10)["overdue"]
    )


def test_queues_are_sorted_by_due_date(receive, staff):
    later = receive(at=vn(2025, 3, 4, 9))
    earlier = receive(at=MONDAY)
    assert [d.code for d in work_queues(staff["receiver"], MONDAY)["handle"]] == [
        earlier.code,
        later.code,
    ]


def test_the_dashboard_shows_the_counts_on_the_tabs(dossiers, staff, client_for):
    response = client_for(staff["handler"]).get(reverse("office:dashboard"), {"queue": "handle"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-current="page">Cần xử lý <span class="count" aria-label="2 hồ sơ">2</span>' in html
    assert 'Chờ bổ sung <span class="count" aria-label="1 hồ sơ">1</span>' in html
    assert 'Quá hạn <span class="count" aria-label="2 hồ sơ">2</span>' in html
    assert dossiers["in_progress"].code in html and dossiers["at_handler"].code in html
    assert dossiers["received"].code not in html
    assert "quá hạn" in html


def test_the_dashboard_opens_the_first_queue_with_work(dossiers, staff, client_for):
    html = client_for(staff["approver"]).get(reverse("office:dashboard")).content.decode()
    assert 'aria-current="page">Chờ phê duyệt' in html
    assert dossiers["approving"].code in html


def test_the_counts_are_the_queues_lengths_for_every_kind_of_user(
    dossiers, staff, make_user, tree, admin_user
):
    """`queue_counts` narrows the rows before counting; whoever asks, each count is the
    length of the queue it names (desk, handler, approver, a supervisor of the district
    acting on its communes, an administrator)."""
    from motcua.dossiers.queries import queue_counts
    from motcua.org.models import Role, RoleAssignment

    supervisor = make_user("giamsat.huyen")
    for role in (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER):
        RoleAssignment.objects.create(
            user=supervisor, agency=tree["district"], role=role, acts_on_subordinates=True
        )
    users = [staff["receiver"], staff["handler"], staff["approver"], staff["returner"]]
    for user in [*users, staff["other_handler"], supervisor, admin_user]:
        for now in (WEDNESDAY_10, THURSDAY_10):  # due within a working day, then overdue
            queues = work_queues(user, now)
            assert queue_counts(user, now) == {n: queues[n].count() for n in QUEUES}
    assert queue_counts(supervisor, WEDNESDAY_10)["due_soon"] > 0
    assert queue_counts(supervisor, THURSDAY_10)["overdue"] > 0
    assert queue_counts(staff["other_handler"], THURSDAY_10) == dict.fromkeys(QUEUES, 0)
