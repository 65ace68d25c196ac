import pytest
from django.core.files.storage import default_storage
from support import MONDAY, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierStateError, InvalidInput, NotAllowed
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Blob, DossierFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_document_is_stored_once_by_its_content(receive, staff):
    dossier = receive()
    first = lifecycle.attach_file(
        dossier,
        actor=staff["receiver"],
        kind="document",
        content=PDF,
        name="to-khai.pdf",
        document_order=1,
        at=MONDAY,
    )
    second = lifecycle.attach_file(
        dossier,
        actor=staff["receiver"],
        kind="document",
        content=PDF,
        name="ban-sao.pdf",
        document_order=2,
        at=MONDAY,
    )
    assert first.blob == second.blob
    assert Blob.objects.count() == 1
    assert first.blob.content_type == "application/pdf"
    assert default_storage.exists(first.blob.path)
    assert read_blob(first.blob) == PDF
    event = dossier.events.filter(kind="attach_file").last()
    assert event.payload["sha256"] == first.blob.sha256


def test_the_type_comes_from_the_content_not_the_name(receive, staff):
    dossier = receive()
    with pytest.raises(InvalidInput, match="Chỉ nhận tệp PDF, JPEG hoặc PNG"):
        lifecycle.attach_file(
            dossier,
            actor=staff["receiver"],
            kind="document",
            content=b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
            name="giay-to.pdf",
        )
    attached = lifecycle.attach_file(
        dossier, actor=staff["receiver"], kind="document", content=PNG, name="anh.pdf"
    )
    assert attached.blob.content_type == "image/png"


def test_oversize_and_empty_files_are_refused_and_nothing_is_kept(receive, staff, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    dossier = receive()
    with pytest.raises(InvalidInput, match="lớn hơn 1 MB"):
        lifecycle.attach_file(
            dossier,
            actor=staff["receiver"],
            kind="document",
            content=PDF + b"0" * 1024 * 1024,
            name="to.pdf",
        )
    with pytest.raises(InvalidInput, match="Tệp rỗng"):
        lifecycle.attach_file(
            dossier, actor=staff["receiver"], kind="document", content=b"", name="x.pdf"
        )
    assert not DossierFile.objects.exists()
    assert dossier.events.count() == 1


def test_supplements_only_while_waiting_and_by_the_applicant_or_the_desk(receive, staff, make_user):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    with pytest.raises(DossierStateError):
        lifecycle.attach_file(
            dossier, actor=staff["receiver"], kind="supplement", content=PDF, name="bo-sung.pdf"
        )
    dossier = lifecycle.request_supplement(
        dossier, actor=staff["handler"], items=["Bản sao CCCD"], at=MONDAY
    )
    with pytest.raises(NotAllowed):
        lifecycle.attach_file(
            dossier,
            actor=staff["other_receiver"],
            kind="supplement",
            content=PDF,
            name="bo-sung.pdf",
        )
    attached = lifecycle.attach_file(
        dossier, actor=staff["receiver"], kind="supplement", content=PDF, name="bo-sung.pdf"
    )
    assert attached.kind == "supplement"


def test_the_result_is_attached_by_the_handling_side(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    with pytest.raises(NotAllowed):
        lifecycle.attach_file(
            dossier, actor=staff["receiver"], kind="result", content=PDF, name="ket-qua.pdf"
        )
    attached = lifecycle.attach_file(
        dossier, actor=staff["handler"], kind="result", content=PDF, name="ket-qua.pdf"
    )
    assert dossier.files.get(kind="result") == attached
