"""Reception regardless of administrative boundary and the hand-over of paper originals
(Decree 118/2025/NĐ-CP; docs/decisions/0121)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierStateError, InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, EventKind, PaperHandover
from motcua.org.models import AddressChange, Agency, Role
from motcua.rules.models import RuleSet

LIVES_IN_B = "Ấp Thạnh Trung, xã Thạnh Bắc"


@pytest.fixture
def copy(make_procedure):
    """A boundary-free commune procedure (certified copies are on such lists)."""
    return make_procedure("2.000815", "Chứng thực bản sao từ bản chính", boundary_free=True)


@pytest.fixture
def receive_anywhere(tree, staff, copy, applicant):
    def receive(address=LIVES_IN_B, **extra):
        return lifecycle.receive(
            actor=extra.pop("actor", staff["receiver"]),
            procedure=extra.pop("procedure", copy),
            agency=extra.pop("agency", tree["commune_a"]),
            applicant=replace(applicant, address=address),
            documents_received=[1, 2],
            at=extra.pop("at", MONDAY),
            **extra,
        )

    return receive


def test_a_boundary_free_dossier_goes_to_the_commune_the_applicant_lives_in(tree, receive_anywhere):
    dossier = receive_anywhere()
    assert dossier.receiving_agency == tree["commune_a"]
    assert dossier.handling_agency == tree["commune_b"]
    assert dossier.code.startswith("000.21.21.H56-250303-")  # commune A's code series
    handover = PaperHandover.objects.get(dossier=dossier)
    assert (handover.from_agency, handover.to_agency) == (tree["commune_a"], tree["commune_b"])
    assert handover.state == "to_send"
    # One working day by default (rule set; UNCONFIRMED): Monday 09:00 -> Tuesday's end.
    assert handover.due_at.date() == date(2025, 3, 4)


def test_the_receiver_may_choose_another_competent_agency(tree, receive_anywhere):
    dossier = receive_anywhere(
        address="Ấp Thạnh Hiệp, xã Tân Lập", handling_agency=tree["commune_b"]
    )
    assert dossier.handling_agency == tree["commune_b"]
    assert dossier.handover.to_agency == tree["commune_b"]


def test_an_address_under_former_units_maps_through_the_address_changes(tree, receive_anywhere):
    AddressChange.objects.create(
        old="xã Hòa Hiệp, huyện Tân Biên",
        new="xã Thạnh Bắc, tỉnh Tây Ninh",
        agency=tree["commune_b"],
        effective_on=date(2025, 1, 1),
    )
    dossier = receive_anywhere(address="Ấp Hòa Đông, xã Hòa Hiệp, huyện Tân Biên")
    assert dossier.handling_agency == tree["commune_b"]


def test_an_applicant_of_the_receiving_commune_needs_no_hand_over(tree, receive_anywhere):
    dossier = receive_anywhere(address="Ấp Thạnh Hiệp, xã Tân Lập")
    assert dossier.handling_agency == tree["commune_a"]
    assert not PaperHandover.objects.exists()


def test_an_agency_that_has_ended_is_not_routed_to(tree, receive_anywhere):
    tree["commune_b"].valid_to = MONDAY.date() - timedelta(days=1)
    tree["commune_b"].save()
    dossier = receive_anywhere()
    assert dossier.handling_agency == tree["commune_a"]


def test_a_desk_that_does_not_perform_it_must_find_the_competent_agency(
    tree, make_user, receive_anywhere
):
    district_desk = make_user("desk.district", (Role.RECEIVER, tree["district"]))
    with pytest.raises(InvalidInput) as error:
        receive_anywhere(address="Khu phố 1", actor=district_desk, agency=tree["district"])
    assert "chọn cơ quan giải quyết" in error.value.errors["handling_agency"]
    dossier = receive_anywhere(actor=district_desk, agency=tree["district"])
    assert dossier.handling_agency == tree["commune_b"]
    assert dossier.code.startswith("000.00.21.H56-")


def test_an_agency_that_does_not_perform_the_procedure_is_refused(tree, receive_anywhere):
    other_province = Agency.objects.create(
        code="000.00.00.H39", name="UBND tỉnh Long An", kind=tree["kinds"]["province"]
    )
    elsewhere = Agency.objects.create(
        code="000.30.00.H39",
        name="UBND xã Mỹ Yên",
        kind=tree["kinds"]["commune"],
        parent=other_province,
    )
    for wrong in (tree["department"], elsewhere):
        with pytest.raises(InvalidInput) as error:
            receive_anywhere(handling_agency=wrong)
        assert "không giải quyết thủ tục" in error.value.errors["handling_agency"]
    assert not Dossier.objects.exists() and not PaperHandover.objects.exists()


def test_a_procedure_that_is_not_boundary_free_stays_where_it_is(
    tree, make_user, procedure, receive_anywhere
):
    with pytest.raises(InvalidInput) as error:
        receive_anywhere(procedure=procedure, handling_agency=tree["commune_b"])
    assert error.value.errors["handling_agency"] == (
        "Cơ quan giải quyết phải thuộc cơ quan tiếp nhận."
    )
    dossier = receive_anywhere(procedure=procedure)  # the address is not read
    assert dossier.handling_agency == tree["commune_a"]
    assert not PaperHandover.objects.exists()


def test_originals_are_sent_then_received_each_with_its_event(staff, receive_anywhere):
    dossier = receive_anywhere()
    with pytest.raises(DossierStateError, match="chưa gửi"):
        lifecycle.receive_originals(dossier, actor=staff["other_receiver"])
    with pytest.raises(NotAllowed):
        lifecycle.send_originals(dossier, actor=staff["other_receiver"])
    assert lifecycle.handover_actions(dossier, staff["receiver"]) == [EventKind.SEND_ORIGINALS]
    assert lifecycle.handover_actions(dossier, staff["other_handler"]) == []

    sent_at = MONDAY + timedelta(hours=2)
    lifecycle.send_originals(dossier, actor=staff["receiver"], note="Qua bưu chính", at=sent_at)
    with pytest.raises(DossierStateError, match="đã được gửi lúc 11:00 03/03/2025"):
        lifecycle.send_originals(dossier, actor=staff["receiver"])
    with pytest.raises(NotAllowed):
        lifecycle.receive_originals(dossier, actor=staff["handler"])
    dossier.refresh_from_db()
    assert lifecycle.handover_actions(dossier, staff["other_handler"]) == [
        EventKind.RECEIVE_ORIGINALS
    ]

    received_at = MONDAY + timedelta(days=2)  # Wednesday: after the hand-over's deadline
    lifecycle.receive_originals(dossier, actor=staff["other_handler"], at=received_at)
    handover = PaperHandover.objects.get()
    assert (handover.sent_at, handover.sent_by) == (sent_at, staff["receiver"])
    assert (handover.received_at, handover.received_by) == (received_at, staff["other_handler"])
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("sequence"))
    assert [e.kind for e in events] == ["receive", "send_originals", "receive_originals"]
    assert events[1].note == "Qua bưu chính" and events[1].payload["to"] == "000.22.21.H56"
    assert events[2].payload["late"] is True
    assert EventKind(events[1].kind).label == "Gửi bản giấy hồ sơ đến cơ quan giải quyết"
    with pytest.raises(DossierStateError, match="đã được nhận"):
        lifecycle.receive_originals(dossier, actor=staff["other_handler"])
    dossier.refresh_from_db()
    assert lifecycle.handover_actions(dossier, staff["other_handler"]) == []


def test_a_stale_version_changes_nothing(staff, receive_anywhere):
    from motcua.dossiers.errors import ConflictError

    dossier = receive_anywhere()
    with pytest.raises(ConflictError):
        lifecycle.send_originals(dossier, actor=staff["receiver"], expected_version=99)
    assert PaperHandover.objects.get().sent_at is None
    assert dossier.events.count() == 1


def test_a_dossier_received_in_one_centre_has_no_hand_over(staff, receive):
    dossier = receive()
    with pytest.raises(DossierStateError, match="không có bản giấy"):
        lifecycle.send_originals(dossier, actor=staff["receiver"])
    assert lifecycle.handover_actions(dossier, staff["receiver"]) == []


def test_each_centre_lists_its_hand_overs_and_the_overdue_ones(staff, receive_anywhere):
    dossier = receive_anywhere()
    tuesday_evening = MONDAY + timedelta(days=1, hours=9)
    before = lifecycle.handovers_for(staff["receiver"], MONDAY)
    assert list(before["send"]) == [dossier.handover] and not before["overdue"].exists()
    late = lifecycle.handovers_for(staff["receiver"], tuesday_evening)
    assert list(late["overdue"]) == [dossier.handover]
    assert not lifecycle.handovers_for(staff["other_receiver"], MONDAY)["receive"].exists()

    lifecycle.send_originals(dossier, actor=staff["receiver"], at=MONDAY)
    assert not lifecycle.handovers_for(staff["receiver"], MONDAY)["send"].exists()
    at_b = lifecycle.handovers_for(staff["other_receiver"], tuesday_evening)
    assert list(at_b["receive"]) == [dossier.handover]
    assert list(at_b["overdue"]) == [dossier.handover]
    counts = lifecycle.handover_counts(staff["other_receiver"], tuesday_evening, MONDAY)
    assert counts == {"send": 0, "receive": 1, "overdue": 1, "for_others": 0}
    counts = lifecycle.handover_counts(staff["receiver"], tuesday_evening, MONDAY)
    assert counts == {"send": 0, "receive": 0, "overdue": 0, "for_others": 1}
    after = MONDAY + timedelta(minutes=1)  # received before the period asked for
    assert lifecycle.handover_counts(staff["receiver"], MONDAY, after)["for_others"] == 0


def test_the_hand_over_time_is_data_of_the_rule_set(receive_anywhere):
    for rule_set in RuleSet.objects.all():  # as the administration page saves them
        rule_set.handover_working_days = 3
        rule_set.save()
    dossier = receive_anywhere()
    assert dossier.handover.due_at.date() == date(2025, 3, 6)
