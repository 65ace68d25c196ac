import re

import pytest
from support import MONDAY, vn

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, Status


def test_reception_gives_a_code_an_appointment_and_the_first_step(receive):
    dossier = receive()
    assert dossier.code == "000.21.21.H56-250303-0001"
    assert dossier.status == Status.RECEIVED
    assert dossier.received_at == MONDAY
    # 3 working days from Monday 09:00 is Thursday 09:00.
    assert dossier.due_at == vn(2025, 3, 6, 9)
    assert dossier.appointment_at == dossier.due_at
    assert dossier.current_step == 0
    assert dossier.step_due_at == vn(2025, 3, 3, 10)  # the desk's step: 1 working hour
    assert [d.received for d in dossier.documents.all()] == [True, True]
    event = dossier.events.get()
    assert (event.kind, event.from_status, event.to_status, event.sequence) == (
        "receive",
        "",
        "received",
        1,
    )


def test_codes_count_per_agency_per_day(receive, tree, staff, procedure, applicant):
    codes = [receive().code, receive().code, receive(at=vn(2025, 3, 4, 8)).code]
    assert codes == [
        "000.21.21.H56-250303-0001",
        "000.21.21.H56-250303-0002",
        "000.21.21.H56-250304-0001",
    ]


def test_a_missing_mandatory_document_is_refused_and_nothing_is_saved(
    tree, staff, procedure, applicant
):
    with pytest.raises(InvalidInput, match="Còn thiếu giấy tờ bắt buộc: Tờ khai"):
        lifecycle.receive(
            actor=staff["receiver"],
            procedure=procedure,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[2],
            at=MONDAY,
        )
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()


def test_an_optional_document_may_be_missing(tree, staff, procedure, applicant):
    dossier = lifecycle.receive(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1],
        at=MONDAY,
    )
    assert [d.received for d in dossier.documents.all()] == [True, False]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "12345", "12 chữ số"),
        ("phone", "12345", "10 chữ số"),
        ("email", "not-an-email", "thư điện tử"),
        ("name", "   ", "họ tên"),
    ],
)
def test_applicant_data_is_validated(receive, applicant, field, value, message):
    setattr(applicant, field, value)
    with pytest.raises(InvalidInput, match=message):
        receive()
    assert not Dossier.objects.exists()


def test_phone_numbers_are_normalised(receive, applicant):
    applicant.phone = "+84 912-345-678"
    assert receive().applicant_phone == "0912345678"


def test_an_organisation_applies_with_its_tax_code(receive, applicant):
    applicant.kind, applicant.name, applicant.id_number = (
        "organisation",
        "Công ty TNHH Tân Biên",
        "3900123456",
    )
    assert receive().applicant_id_number == "3900123456"


def test_only_a_receiver_of_the_agency_may_receive(tree, staff, procedure, applicant):
    for user in (staff["handler"], staff["other_receiver"]):
        with pytest.raises(NotAllowed):
            lifecycle.receive(
                actor=user,
                procedure=procedure,
                agency=tree["commune_a"],
                applicant=applicant,
                documents_received=[1, 2],
                at=MONDAY,
            )
    assert not Dossier.objects.exists()


def test_an_agency_cannot_receive_a_procedure_of_another_level(
    tree, staff, make_user, procedure, applicant
):
    district_receiver = make_user("desk.district", ("receiver", tree["district"]))
    with pytest.raises(InvalidInput, match="không tiếp nhận thủ tục"):
        lifecycle.receive(
            actor=district_receiver,
            procedure=procedure,
            agency=tree["district"],
            applicant=applicant,
            documents_received=[1, 2],
            at=MONDAY,
        )


def test_the_dossier_keeps_the_version_it_was_received_under(receive, procedure):
    from motcua.catalog.services import publish

    dossier = receive()
    procedure.documents.filter(order=2).delete()
    publish(procedure)
    dossier.refresh_from_db()
    assert dossier.procedure_version.number == 1
    assert len(dossier.procedure_version.data["documents"]) == 2


def test_refusal_at_reception_is_recorded_with_its_reason(tree, staff, procedure, applicant):
    dossier = lifecycle.refuse_at_reception(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        reason="Hai bên chưa đủ tuổi kết hôn.",
        at=MONDAY,
    )
    assert (dossier.status, dossier.outcome) == ("refused", "refused")
    assert re.fullmatch(r"000\.21\.21\.H56-250303-\d{4}", dossier.code)
    assert dossier.events.get().note == "Hai bên chưa đủ tuổi kết hôn."


def test_same_day_procedures_received_after_the_cutoff_are_due_the_next_working_day(
    receive, make_procedure
):
    from datetime import time

    copy = make_procedure(
        "2.000815",
        "Chứng thực bản sao",
        field=("CT", "Chứng thực"),
        days=0,
        same_day_cutoff=time(15),
    )
    assert receive(procedure=copy, at=vn(2025, 3, 7, 14, 30)).due_at == vn(2025, 3, 7, 17)
    # Friday after 15:00 → Monday's end.
    assert receive(procedure=copy, at=vn(2025, 3, 7, 15, 30)).due_at == vn(2025, 3, 10, 17)
