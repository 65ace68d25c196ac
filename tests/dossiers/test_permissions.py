"""The permission matrix: role × agency × action."""

import pytest
from support import MONDAY, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Dossier

# (status the dossier is in, action, the roles of the commune that may do it)
MATRIX = [
    ("received", "forward", {"receiver"}),
    ("in_progress", "forward", {"handler"}),
    ("in_progress", "request_supplement", {"receiver", "handler"}),
    ("in_progress", "apologise_and_reschedule", {"handler", "approver"}),
    ("approved", "mark_result_ready", {"handler", "approver", "returner"}),
    ("result_ready", "return_result", {"returner"}),
]
ROLES = ["receiver", "handler", "approver", "returner"]


def _kwargs(action):
    from support import vn

    return {
        "request_supplement": {"items": ["Giấy xác nhận"]},
        "apologise_and_reschedule": {
            "reason": "Chờ xác minh",
            "new_appointment": vn(2026, 1, 5, 9),
        },
    }.get(action, {})


@pytest.mark.parametrize(("status", "action", "allowed"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("commune", ["own", "other"])
def test_only_the_right_role_of_the_right_agency_may_act(
    receive, staff, status, action, allowed, role, commune
):
    dossier = walk_to(receive(), staff, status, MONDAY)
    actor = staff[role if commune == "own" else f"other_{role}"]
    permitted = commune == "own" and role in allowed
    assert (action in lifecycle.allowed_actions(dossier, actor)) == permitted
    if permitted:
        getattr(lifecycle, action)(dossier, actor=actor, at=MONDAY, **_kwargs(action))
        return
    before = Dossier.objects.values().get(pk=dossier.pk)
    with pytest.raises(NotAllowed):
        getattr(lifecycle, action)(dossier, actor=actor, at=MONDAY, **_kwargs(action))
    assert Dossier.objects.values().get(pk=dossier.pk) == before


def test_approval_belongs_to_the_leader(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.forward(dossier, actor=staff["handler"], at=MONDAY)
    for role in ("receiver", "handler", "returner"):
        with pytest.raises(NotAllowed):
            lifecycle.approve(dossier, actor=staff[role], at=MONDAY)
    assert lifecycle.approve(dossier, actor=staff["approver"], at=MONDAY).status == "approved"


def test_district_roles_act_on_communes_only_when_their_assignment_says_so(
    receive, staff, tree, make_user
):
    district_leader = make_user("pct.huyen", ("approver", tree["district"]))
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.forward(dossier, actor=staff["handler"], at=MONDAY)
    assert "approve" not in lifecycle.allowed_actions(dossier, district_leader)
    with pytest.raises(NotAllowed):
        lifecycle.approve(dossier, actor=district_leader, at=MONDAY)
    for assignment in district_leader.role_assignments.all():  # as the admin page saves it
        assignment.acts_on_subordinates = True
        assignment.save()
    assert "approve" in lifecycle.allowed_actions(dossier, district_leader)


def test_allowed_actions_lists_what_the_user_may_do_now(receive, staff):
    dossier = receive()
    assert lifecycle.allowed_actions(dossier, staff["receiver"]) == [
        "assign",
        "forward",
        "request_supplement",
        "refuse",
        "withdraw",
    ]
    assert lifecycle.allowed_actions(dossier, staff["handler"]) == [
        "request_supplement",
        "apologise_and_reschedule",
    ]
    assert lifecycle.allowed_actions(dossier, staff["other_receiver"]) == []
