"""The access-control matrix, cell by cell: every stage of a dossier × every action open
at that stage × every role × where the role is held (the dossier's own commune, a sibling
commune, the district above with and without "acts on subordinate units", the province
above with it). Each cell is checked in `allowed_actions` and, where refused, by calling
the action: it raises NotAllowed and changes nothing."""

import pytest
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Dossier

ROLES = ("receiver", "handler", "approver", "returner")
# Where the role is held → whether it may act on commune A's dossiers at all.
PLACES = {
    "own commune": True,
    "sibling commune": False,
    "district": False,
    "district, acts on subordinates": True,
    "province, acts on subordinates": True,
}
# (stage, action) → the roles that may do it (at a place that may act); every other
# action whose source statuses include the stage's status is refused to every role.
ALLOWED = {
    ("received", "assign"): {"receiver"},
    ("received", "forward"): {"receiver"},
    ("received", "request_supplement"): {"receiver", "handler"},
    ("received", "refuse"): {"receiver", "approver"},
    ("received", "withdraw"): {"receiver"},
    ("received", "apologise_and_reschedule"): {"handler", "approver"},
    ("in_progress@handler", "assign"): {"handler"},
    ("in_progress@handler", "forward"): {"handler"},
    ("in_progress@handler", "send_back"): {"handler"},
    ("in_progress@handler", "request_supplement"): {"receiver", "handler"},
    ("in_progress@handler", "refuse"): {"handler", "approver"},
    ("in_progress@handler", "withdraw"): {"receiver"},
    ("in_progress@handler", "apologise_and_reschedule"): {"handler", "approver"},
    ("in_progress@approver", "assign"): {"approver"},
    ("in_progress@approver", "send_back"): {"approver"},
    ("in_progress@approver", "request_supplement"): {"receiver", "handler"},
    ("in_progress@approver", "approve"): {"approver"},
    ("in_progress@approver", "refuse"): {"approver"},
    ("in_progress@approver", "withdraw"): {"receiver"},
    ("in_progress@approver", "apologise_and_reschedule"): {"handler", "approver"},
    ("waiting_supplement", "receive_supplement"): {"receiver"},
    ("waiting_supplement", "refuse"): {"receiver", "approver"},
    ("waiting_supplement", "withdraw"): {"receiver"},
    ("approved", "mark_result_ready"): {"handler", "approver", "returner"},
    ("approved", "refuse"): {"approver"},
    ("approved", "withdraw"): {"receiver"},
    ("approved", "apologise_and_reschedule"): {"handler", "approver"},
    ("result_ready", "return_result"): {"returner"},
    ("result_ready", "apologise_and_reschedule"): {"handler", "approver"},
}
STAGES = sorted({stage for stage, _ in ALLOWED})


def _stage(stage, receive, staff) -> Dossier:
    if stage == "received":
        return receive()
    if stage == "in_progress@handler":
        return walk_to(receive(), staff, "in_progress", MONDAY)
    if stage == "in_progress@approver":
        dossier = walk_to(receive(), staff, "in_progress", MONDAY)
        return lifecycle.forward(dossier, actor=staff["handler"], at=MONDAY)
    if stage == "waiting_supplement":
        return lifecycle.request_supplement(
            receive(), actor=staff["receiver"], items=["Giấy xác nhận"], at=MONDAY
        )
    return walk_to(receive(), staff, stage, MONDAY)


def _kwargs(action: str, staff) -> dict:
    return {
        "assign": {"assignee": staff["handler"]},
        "send_back": {"note": "Xem lại"},
        "request_supplement": {"items": ["Giấy xác nhận"]},
        "refuse": {"reason": "Không đủ điều kiện"},
        "withdraw": {"reason": "Người nộp rút"},
        "apologise_and_reschedule": {"reason": "Chờ xác minh", "new_appointment": vn(2026, 1, 1)},
    }.get(action, {})


@pytest.fixture
def actors(tree, make_user, staff):
    """role → place → user."""
    found = {
        role: {"own commune": staff[role], "sibling commune": staff[f"other_{role}"]}
        for role in ROLES
    }
    for role in ROLES:
        found[role]["district"] = make_user(f"{role}.huyen", (role, tree["district"]))
        for place, agency in [("district", tree["district"]), ("province", tree["province"])]:
            user = make_user(f"{role}.{place}.giamsat", (role, agency))
            user.role_assignments.update(acts_on_subordinates=True)
            found[role][f"{place}, acts on subordinates"] = user
    return found


@pytest.mark.parametrize("stage", STAGES)
def test_every_cell_of_the_matrix(stage, receive, staff, actors):
    dossier = _stage(stage, receive, staff)
    before = Dossier.objects.values().get(pk=dossier.pk)
    open_actions = [
        name
        for name, transition in lifecycle.TRANSITIONS.items()
        if dossier.status in transition.sources
    ]
    cells = 0
    for action in open_actions:
        roles = ALLOWED.get((stage, action), set())
        for role in ROLES:
            for place, acts_here in PLACES.items():
                user = actors[role][place]
                expected = acts_here and role in roles
                allowed = action in lifecycle.allowed_actions(dossier, user)
                assert allowed == expected, (stage, action, role, place)
                if not expected:
                    with pytest.raises(NotAllowed):
                        getattr(lifecycle, action)(
                            dossier, actor=user, at=MONDAY, **_kwargs(action, staff)
                        )
                cells += 1
    assert Dossier.objects.values().get(pk=dossier.pk) == before
    assert cells == len(open_actions) * len(ROLES) * len(PLACES)
