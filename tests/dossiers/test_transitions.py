"""Every transition, and every transition refused in every status."""

from datetime import timedelta

import pytest
from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierStateError, InvalidInput
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier


def test_the_happy_path_from_counter_to_returned_result(receive, staff):
    dossier = receive()
    dossier = lifecycle.forward(dossier, actor=staff["receiver"], at=vn(2025, 3, 3, 10))
    assert (dossier.status, dossier.current_step, dossier.current_role) == (
        "in_progress",
        1,
        "handler",
    )
    dossier = lifecycle.forward(dossier, actor=staff["handler"], at=vn(2025, 3, 4, 16))
    assert (dossier.current_step, dossier.current_role) == (2, "approver")
    dossier = lifecycle.approve(dossier, actor=staff["approver"], at=vn(2025, 3, 5, 9))
    assert (dossier.status, dossier.current_role) == ("approved", "returner")
    dossier = lifecycle.mark_result_ready(dossier, actor=staff["handler"], at=vn(2025, 3, 5, 10))
    dossier = lifecycle.return_result(dossier, actor=staff["returner"], at=vn(2025, 3, 5, 14))
    assert (dossier.status, dossier.outcome) == ("returned", "early")
    assert dossier.finished_at == vn(2025, 3, 5, 14)
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == [
        "receive",
        "forward",
        "forward",
        "approve",
        "mark_result_ready",
        "return_result",
    ]
    assert verify_chain(dossier.events.all()) is None


@pytest.mark.parametrize(
    ("returned_at", "outcome"),
    [
        (vn(2025, 3, 5, 16), "early"),  # the day before the due date
        (vn(2025, 3, 6, 8), "on_time"),  # on the due date, before the due moment (09:00)
        (vn(2025, 3, 6, 9), "on_time"),  # at the due moment
        (vn(2025, 3, 6, 9, 1), "late"),
        (vn(2025, 3, 10, 9), "late"),
    ],
)
def test_the_result_is_classified_against_the_legal_deadline(receive, staff, returned_at, outcome):
    dossier = walk_to(receive(), staff, "result_ready", MONDAY + timedelta(hours=1))
    # A late result without an apology is returned only with its reason.
    note = "Chờ cơ quan phối hợp." if outcome == "late" else ""
    dossier = lifecycle.return_result(dossier, actor=staff["returner"], note=note, at=returned_at)
    assert dossier.outcome == outcome


def test_a_step_can_be_sent_back_with_a_reason(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.forward(dossier, actor=staff["handler"], at=MONDAY)
    dossier = lifecycle.send_back(
        dossier, actor=staff["approver"], note="Thiếu ý kiến thẩm định.", at=MONDAY
    )
    assert (dossier.current_step, dossier.current_role) == (1, "handler")
    with pytest.raises(InvalidInput, match="lý do chuyển lại"):
        lifecycle.send_back(dossier, actor=staff["handler"], note="  ")


def test_refusal_after_review_closes_the_dossier(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.refuse(
        dossier, actor=staff["handler"], reason="Không đủ điều kiện.", at=MONDAY
    )
    assert (dossier.status, dossier.outcome, dossier.current_role) == ("refused", "refused", "")


def test_withdrawal_needs_a_reason_and_ends_a_pending_pause(receive, staff):
    dossier = receive()
    dossier = lifecycle.request_supplement(
        dossier, actor=staff["receiver"], items=["Bản sao CCCD"], at=MONDAY
    )
    with pytest.raises(InvalidInput):
        lifecycle.withdraw(dossier, actor=staff["receiver"], reason="")
    dossier = lifecycle.withdraw(
        dossier, actor=staff["receiver"], reason="Công dân xin rút.", at=vn(2025, 3, 4, 9)
    )
    assert dossier.status == "withdrawn"
    assert dossier.pauses.get().ended_at == vn(2025, 3, 4, 9)


def test_an_online_submission_starts_its_clock_when_accepted(
    tree, staff, procedure, applicant, make_user
):
    citizen = make_user("congdan")
    procedure.online_level = "partial"
    procedure.save()
    dossier = lifecycle.submit(
        applicant_user=citizen,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=vn(2025, 3, 1, 20),  # Saturday evening
    )
    assert (dossier.status, dossier.due_at) == ("submitted", None)
    dossier = lifecycle.accept(dossier, actor=staff["receiver"], at=vn(2025, 3, 3, 8))
    assert dossier.status == "received"
    assert dossier.due_at == vn(2025, 3, 6, 8)


def test_a_procedure_not_offered_online_cannot_be_submitted(tree, procedure, applicant, make_user):
    with pytest.raises(InvalidInput, match="chưa được cung cấp trực tuyến"):
        lifecycle.submit(
            applicant_user=make_user("c"),
            procedure=procedure,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1, 2],
        )
    assert not Dossier.objects.exists()


def test_the_apology_moves_the_appointment_not_the_legal_deadline(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Chờ xác minh tại nơi cư trú.",
        new_appointment=vn(2025, 3, 11, 9),
        at=vn(2025, 3, 5, 9),
    )
    assert dossier.appointment_at == vn(2025, 3, 11, 9)
    assert dossier.due_at == vn(2025, 3, 6, 9)
    event = dossier.events.get(kind="apologise_and_reschedule")
    assert event.payload["old_appointment"] == "2025-03-06T09:00:00+07:00"
    dossier = walk_to(dossier, staff, "returned", vn(2025, 3, 10, 9))
    assert dossier.outcome == "late"


def test_a_new_appointment_must_be_later(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    with pytest.raises(InvalidInput, match="phải sau ngày hẹn hiện tại"):
        lifecycle.apologise_and_reschedule(
            dossier,
            actor=staff["handler"],
            reason="x",
            new_appointment=vn(2025, 3, 5, 9),
            at=MONDAY,
        )


def test_assigning_gives_the_step_to_one_holder_of_its_role(receive, staff, make_user, tree):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    colleague = make_user("handler2", ("handler", tree["commune_a"]))
    dossier = lifecycle.assign(dossier, actor=staff["handler"], assignee=colleague, at=MONDAY)
    assert dossier.assignee == colleague
    with pytest.raises(InvalidInput, match="không có vai trò"):
        lifecycle.assign(dossier, actor=staff["handler"], assignee=staff["receiver"], at=MONDAY)


# Which action each status admits, by the role that holds the current step.
def _call(name, dossier, staff):
    actor = {
        "accept": "receiver",
        "forward": dossier.current_role or "receiver",
        "send_back": dossier.current_role or "handler",
        "request_supplement": "receiver",
        "receive_supplement": "receiver",
        "approve": "approver",
        "mark_result_ready": "handler",
        "return_result": "returner",
        "refuse": "receiver",
        "withdraw": "receiver",
        "apologise_and_reschedule": "handler",
        "assign": dossier.current_role or "receiver",
    }[name]
    kwargs = {
        "send_back": {"note": "x"},
        "request_supplement": {"items": ["x"]},
        "refuse": {"reason": "x"},
        "withdraw": {"reason": "x"},
        "assign": {"assignee": staff.get(dossier.current_role or "receiver")},
        "apologise_and_reschedule": {"reason": "x", "new_appointment": vn(2026, 1, 1, 9)},
    }.get(name, {})
    return getattr(lifecycle, name)(dossier, actor=staff[actor], at=vn(2025, 3, 5, 10), **kwargs)


def _dossier_in(status, receive, staff):
    dossier = receive()
    if status == "waiting_supplement":
        return lifecycle.request_supplement(
            dossier, actor=staff["receiver"], items=["x"], at=MONDAY
        )
    if status in ("refused", "withdrawn"):
        action = lifecycle.refuse if status == "refused" else lifecycle.withdraw
        return action(dossier, actor=staff["receiver"], reason="x", at=MONDAY)
    return walk_to(dossier, staff, status, MONDAY)


STATUSES = [
    "received",
    "in_progress",
    "waiting_supplement",
    "approved",
    "result_ready",
    "returned",
    "refused",
    "withdrawn",
]
ACTIONS = [name for name, t in lifecycle.TRANSITIONS.items() if t.sources]


REFUSED = [(s, a) for s in STATUSES for a in ACTIONS if s not in lifecycle.TRANSITIONS[a].sources]


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_action_is_refused_outside_its_statuses_and_changes_nothing(
    receive, staff, status, action
):
    dossier = _dossier_in(status, receive, staff)
    before = Dossier.objects.values().get(pk=dossier.pk)
    events = dossier.events.count()
    with pytest.raises(DossierStateError):
        _call(action, dossier, staff)
    assert Dossier.objects.values().get(pk=dossier.pk) == before
    assert dossier.events.count() == events
