"""A signed result is kept in its owner's store the moment the approval signs it."""

from support import MONDAY

from motcua.catalog.models import DocumentType
from motcua.catalog.services import publish
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.models import DossierFile, FileKind
from motcua.org.models import Role
from motcua.store.models import Origin, StoredDocument


def test_a_signed_result_enters_the_applicants_store_with_its_type(
    agency_certificate, procedure, staff, tree
):
    procedure.result_type = DocumentType.objects.create(
        code="giay_chung_nhan_ket_hon", name="Giấy chứng nhận kết hôn"
    )
    procedure.save()
    publish(procedure)
    dossier = lifecycle.receive(
        actor=staff[Role.RECEIVER],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=Applicant(kind="individual", name="Trần Văn Bình", id_number="072095001234"),
        documents_received=[1],
        at=MONDAY,
    )
    dossier = lifecycle.forward(dossier, actor=staff[Role.RECEIVER], at=MONDAY)
    dossier = lifecycle.forward(dossier, actor=staff[Role.HANDLER], at=MONDAY)
    assert not StoredDocument.objects.exists()

    dossier = lifecycle.approve(dossier, actor=staff[Role.APPROVER], at=MONDAY)

    result = DossierFile.objects.get(dossier=dossier, kind=FileKind.RESULT)
    stored = StoredDocument.objects.get()
    assert stored.origin == Origin.RESULT
    assert stored.owner_id_number == "072095001234"
    assert stored.document_type.code == "giay_chung_nhan_ket_hon"
    assert stored.blob_id == result.blob_id
    assert stored.issuer == dossier.handling_agency
    assert stored.title == "Giấy chứng nhận kết hôn"


def test_an_unsigned_approval_keeps_nothing_in_the_store(dossier_to_approve, staff):
    lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)
    assert not StoredDocument.objects.exists()
