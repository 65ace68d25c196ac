"""What the lifecycle refuses under a dossier's rule set: each refusal has a clear
Vietnamese message and changes nothing."""

import pytest
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierStateError, InvalidInput, LifecycleError
from motcua.dossiers.models import Dossier
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period
from motcua.reports.rebuild import rebuild


def snapshot(dossier):
    fresh = Dossier.objects.get(pk=dossier.pk)
    return (fresh.status, fresh.version, fresh.appointment_at, fresh.events.count(), fresh.code)


def refused(dossier, call, error=LifecycleError, match=""):
    before = snapshot(dossier)
    with pytest.raises(error, match=match):
        call()
    assert snapshot(dossier) == before


@pytest.fixture
def handling(receive, staff):
    """Received Monday 03/03/2025 09:00 (2018 set), due Thursday 06/03 09:00, at the handler."""
    return lifecycle.forward(receive(), actor=staff["receiver"], at=vn(2025, 3, 3, 9, 30))


def test_a_second_supplement_request_is_refused(handling, staff):
    dossier = lifecycle.request_supplement(
        handling, actor=staff["handler"], items=["Giấy xác nhận"], at=vn(2025, 3, 3, 10)
    )
    dossier = lifecycle.receive_supplement(dossier, actor=staff["receiver"], at=vn(2025, 3, 3, 11))

    refused(
        dossier,
        lambda: lifecycle.request_supplement(
            dossier, actor=staff["handler"], items=["Bản sao khác"], at=vn(2025, 3, 3, 14)
        ),
        DossierStateError,
        "chỉ cho phép yêu cầu bổ sung, hoàn thiện hồ sơ 1 lần",
    )


def test_a_supplement_request_after_the_due_moment_is_refused(handling, staff):
    refused(
        handling,
        lambda: lifecycle.request_supplement(
            handling, actor=staff["handler"], items=["Giấy xác nhận"], at=vn(2025, 3, 6, 10)
        ),
        DossierStateError,
        r"quá hạn giải quyết \(09:00 ngày 06/03/2025\)",
    )


def test_a_supplement_request_outside_handling_is_refused(handling, staff):
    approved = walk_to(handling, staff, "approved", vn(2025, 3, 4, 9))

    refused(
        approved,
        lambda: lifecycle.request_supplement(
            approved, actor=staff["handler"], items=["Giấy"], at=vn(2025, 3, 4, 10)
        ),
        DossierStateError,
        "Không thể thực hiện khi hồ sơ đang ở trạng thái",
    )


def apologise(dossier, staff, at, new=None):
    return lifecycle.apologise_and_reschedule(
        dossier,
        actor=staff["handler"],
        reason="Cần xác minh.",
        new_appointment=new or vn(2025, 3, 10, 9),
        at=at,
    )


def test_an_apology_after_the_due_moment_is_refused(handling, staff):
    refused(
        handling,
        lambda: apologise(handling, staff, vn(2025, 3, 6, 10)),
        DossierStateError,
        "phải gửi trước thời hạn giải quyết",
    )


def test_an_apology_inside_the_lead_time_is_refused(handling, staff):
    refused(
        handling,
        lambda: apologise(handling, staff, vn(2025, 3, 5, 16)),
        DossierStateError,
        "chậm nhất 1 ngày làm việc trước thời hạn giải quyết",
    )


def test_more_apologies_than_allowed_are_refused(handling, staff):
    dossier = apologise(handling, staff, vn(2025, 3, 4, 9))

    refused(
        dossier,
        lambda: apologise(dossier, staff, vn(2025, 3, 4, 10), new=vn(2025, 3, 11, 9)),
        DossierStateError,
        "chỉ cho phép xin lỗi, hẹn lại 1 lần",
    )


@pytest.mark.parametrize(
    "new", [vn(2025, 3, 10, 20), vn(2025, 3, 10, 12), vn(2025, 3, 8, 9)], ids=str
)
def test_a_new_appointment_outside_working_hours_is_refused(handling, staff, new):
    refused(
        handling,
        lambda: apologise(handling, staff, vn(2025, 3, 4, 9), new=new),
        InvalidInput,
        "phải trong giờ làm việc",
    )


def test_a_late_result_without_apology_needs_a_recorded_reason(handling, staff, tree):
    ready = walk_to(handling, staff, "result_ready", vn(2025, 3, 7, 9))

    refused(
        ready,
        lambda: lifecycle.return_result(ready, actor=staff["returner"], at=vn(2025, 3, 7, 10)),
        InvalidInput,
        "chưa có văn bản xin lỗi: cần ghi rõ lý do",
    )
    returned = lifecycle.return_result(
        ready, actor=staff["returner"], note="Chờ cơ quan phối hợp.", at=vn(2025, 3, 7, 10)
    )
    event = returned.events.get(kind="return_result")
    assert returned.outcome == "late" and event.payload["late_without_apology"] is True
    # Counted: the rollups kept with the event and a rebuild agree.
    march = period("month", 2025, 3, start_day=1)
    report = periodic_report(tree["commune_a"], march, vn(2025, 4, 1, 9))
    assert (report.total.late, report.total.late_unapologised) == (1, 1)
    rebuild()
    report = periodic_report(tree["commune_a"], march, vn(2025, 4, 1, 9))
    assert report.total.late_unapologised == 1


def test_a_refusal_after_review_without_a_reason_is_refused(handling, staff):
    refused(
        handling,
        lambda: lifecycle.refuse(handling, actor=staff["handler"], reason=" ", at=vn(2025, 3, 4)),
        InvalidInput,
        "Cần ghi rõ lý do từ chối",
    )


def test_the_2018_set_classifies_on_return_the_2025_set_on_readiness(receive, staff):
    # Ready Wednesday, due Thursday, collected the next week.
    old = walk_to(receive(at=vn(2025, 3, 3, 9)), staff, "result_ready", vn(2025, 3, 5, 10))
    old = lifecycle.return_result(
        old, actor=staff["returner"], note="Người dân đến nhận muộn.", at=vn(2025, 3, 12, 9)
    )
    new = walk_to(receive(at=vn(2026, 3, 2, 9)), staff, "result_ready", vn(2026, 3, 4, 10))
    new = lifecycle.return_result(new, actor=staff["returner"], at=vn(2026, 3, 11, 9))

    assert (old.outcome, new.outcome) == ("late", "early")


def test_an_online_dossier_takes_the_date_of_its_reception(tree, staff, make_procedure, applicant):
    procedure = make_procedure(online_level="full")
    dossier = lifecycle.submit(
        applicant_user=None,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=vn(2025, 3, 1, 20),
    )
    submitted_code = dossier.code

    dossier = lifecycle.accept(dossier, actor=staff["receiver"], at=vn(2025, 3, 3, 8))

    assert submitted_code == "000.21.21.H56-250301-0001"
    assert dossier.code == "000.21.21.H56-250303-0001"
    assert dossier.events.get(kind="accept").payload["submitted_code"] == submitted_code
