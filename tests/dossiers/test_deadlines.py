"""Deadlines from the calendar: overall and per step, pushed back by pauses."""

from datetime import date

from support import MONDAY, vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.workdays.services import set_day


def test_a_supplement_request_pauses_the_deadline(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", vn(2025, 3, 3, 10))
    assert dossier.due_at == vn(2025, 3, 6, 9)
    # Asked on Tuesday 09:00, supplemented on Thursday 09:00: 16 working hours of waiting.
    dossier = lifecycle.request_supplement(
        dossier, actor=staff["handler"], items=["Bản sao sổ hộ khẩu"], at=vn(2025, 3, 4, 9)
    )
    assert dossier.status == "waiting_supplement"
    dossier = lifecycle.receive_supplement(dossier, actor=staff["receiver"], at=vn(2025, 3, 6, 9))
    assert dossier.status == "in_progress"
    assert dossier.due_at == vn(2025, 3, 10, 9)  # Thursday 09:00 + 16 h = Monday 09:00
    # The handler's step (22 h from Monday 10:00, due Wednesday 16:00) moves back too.
    assert dossier.step_due_at == vn(2025, 3, 7, 16)


def test_procedures_that_restart_on_supplement_count_again_from_the_complete_dossier(
    receive, staff, procedure
):
    procedure.restart_on_supplement = True
    procedure.save()
    from motcua.catalog.services import publish

    publish(procedure)
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier = lifecycle.request_supplement(
        dossier, actor=staff["handler"], items=["x"], at=vn(2025, 3, 4, 9)
    )
    dossier = lifecycle.receive_supplement(dossier, actor=staff["receiver"], at=vn(2025, 3, 6, 9))
    assert dossier.due_at == vn(2025, 3, 11, 9)  # 3 full working days from Thursday 09:00


def test_a_supplement_cannot_arrive_before_it_was_asked_for(receive, staff):
    import pytest

    from motcua.dossiers.errors import InvalidInput

    dossier = lifecycle.request_supplement(
        receive(), actor=staff["receiver"], items=["x"], at=vn(2025, 3, 4, 9)
    )
    with pytest.raises(InvalidInput):
        lifecycle.receive_supplement(dossier, actor=staff["receiver"], at=vn(2025, 3, 3, 9))
    assert Dossier.objects.get(pk=dossier.pk).status == "waiting_supplement"


def test_the_official_days_off_are_not_counted(receive, staff):
    # 2025: 30/4-4/5 off (Friday 2/5 swapped with Saturday 26/4). Received Tuesday 29/4
    # 09:00 for 3 working days: 6 h on Tuesday, then Monday 5/5, Tuesday 6/5, 2 h on 7/5.
    dossier = receive(at=vn(2025, 4, 29, 9))
    assert dossier.due_at == vn(2025, 5, 7, 9)


def test_a_changed_holiday_moves_the_deadlines_of_open_dossiers(
    receive, staff, django_capture_on_commit_callbacks
):
    open_dossier = receive()
    closed = walk_to(receive(), staff, "returned", MONDAY)
    assert open_dossier.due_at == vn(2025, 3, 6, 9)
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=date(2025, 3, 5), is_working=False, name="Nghỉ bù")
    open_dossier.refresh_from_db()
    assert open_dossier.due_at == vn(2025, 3, 7, 9)
    assert open_dossier.events.last().kind == "recompute_deadlines"
    closed_before = closed.due_at
    closed.refresh_from_db()
    assert closed.due_at == closed_before


def test_a_calendar_change_records_events_only_where_deadlines_move(
    receive, staff, django_capture_on_commit_callbacks
):
    """Received Monday 3/3/2025 for 3 working days: due Thursday 6/3. A day off on 10/3 moves
    nothing; one on 5/3 moves the dossier without a pause and the one that waited for a
    supplement (judged one by one) alike."""
    plain = receive()
    waited = receive()
    lifecycle.request_supplement(
        waited, actor=staff["receiver"], items=["Bản sao giấy khai sinh"], at=vn(2025, 3, 3, 10)
    )
    lifecycle.receive_supplement(
        Dossier.objects.get(pk=waited.pk), actor=staff["receiver"], at=vn(2025, 3, 3, 14)
    )
    versions = {d.pk: Dossier.objects.get(pk=d.pk).version for d in (plain, waited)}
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=date(2025, 3, 10), is_working=False, name="Nghỉ bù")
    assert {d.pk: d.version for d in Dossier.objects.filter(pk__in=versions)} == versions
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=date(2025, 3, 5), is_working=False, name="Nghỉ bù")
    for dossier in Dossier.objects.filter(pk__in=versions):
        assert dossier.version == versions[dossier.pk] + 1
        assert dossier.events.last().kind == "recompute_deadlines"
    assert Dossier.objects.get(pk=plain.pk).due_at == vn(2025, 3, 7, 9)
