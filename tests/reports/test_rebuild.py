"""The rollups kept event by event equal a rebuild from the events (`motcua reports
rebuild`), whatever happened to the dossiers."""

from io import StringIO

from django.core.management import call_command
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.reports.figures import flows, subtree_ids
from motcua.reports.models import OpenDossier
from motcua.reports.rebuild import rebuild, snapshot
from motcua.workdays.services import set_day


def test_rebuild_equals_the_rollups_kept_event_by_event(
    tree, staff, history, marriage, applicant, make_user
):
    citizen = make_user("dan")
    # An online submission refused before the desk accepted it: never received.
    refused = lifecycle.submit(
        applicant_user=citizen,
        procedure=marriage,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=vn(2025, 3, 10, 8),
    )
    lifecycle.refuse(
        refused, actor=staff["receiver"], reason="Sai thẩm quyền", at=vn(2025, 3, 10, 9)
    )
    # One asked for a supplement before acceptance, then accepted, resolved and rated.
    rated = lifecycle.submit(
        applicant_user=citizen,
        procedure=marriage,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=vn(2025, 3, 11, 8),
    )
    rated = lifecycle.request_supplement(
        rated, actor=staff["receiver"], items=["Ảnh"], at=vn(2025, 3, 11, 9)
    )
    rated = lifecycle.receive_supplement(rated, actor=staff["receiver"], at=vn(2025, 3, 12, 9))
    rated = lifecycle.accept(rated, actor=staff["receiver"], at=vn(2025, 3, 12, 10))
    rated = walk_to(rated, staff, "returned", vn(2025, 3, 13, 10))
    lifecycle.rate(rated, actor=citizen, reception=3, handling=2, result=3, at=vn(2025, 3, 14, 9))

    march = flows(subtree_ids(tree["commune_a"]), vn(2025, 3, 1).date(), vn(2025, 3, 31).date())[()]
    assert (march["rejected"], march["received"], march["rated"], march["satisfied"]) == (
        2,
        4,
        1,
        1,
    )
    kept = snapshot()
    assert OpenDossier.objects.count() == 1  # A8
    counts = rebuild()
    assert counts["dossiers"] == 11 and counts["open"] == 1
    assert snapshot() == kept


def test_the_rebuild_command_says_what_it_counted(tree, history):
    out = StringIO()
    call_command("reports", "rebuild", stdout=out)
    assert out.getvalue().startswith("Đã tính lại từ 9 hồ sơ:")


def test_a_calendar_change_moves_the_deadlines_and_the_counts_follow(
    tree, staff, receive, django_capture_on_commit_callbacks
):
    running = receive(at=vn(2025, 3, 3, 9))  # due Thu 06/03 09:00
    waiting = lifecycle.request_supplement(
        receive(at=vn(2025, 3, 4, 9)), actor=staff["receiver"], items=["Ảnh"], at=vn(2025, 3, 4, 10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=vn(2025, 3, 5).date(), is_working=False, name="Nghỉ đột xuất")
    running.refresh_from_db()
    assert running.due_at == vn(2025, 3, 7, 9)
    assert running.events.filter(kind="recompute_deadlines").exists() and waiting.pk
    ids = subtree_ids(tree["commune_a"])
    march = flows(ids, vn(2025, 3, 1).date(), vn(2025, 3, 6).date(), measures=("overdue_in",))
    assert march[()]["overdue_in"] == 0  # no longer overdue on 06/03
    kept = snapshot()
    rebuild()
    assert snapshot() == kept
