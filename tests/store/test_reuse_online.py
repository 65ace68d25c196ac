"""A citizen's second application reuses a paper from the store instead of uploading it
again; staff see where it came from; the service index counts the reuse (metric 6.4)."""

import re
import subprocess
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from portal.test_apply_online import details
from store.images import encoded, page, sideways_jpeg
from support import MONDAY, walk_to

from motcua.catalog.models import DocumentType
from motcua.catalog.services import publish
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.files import read_blob, store_blob
from motcua.dossiers.models import Dossier, DossierFile
from motcua.reports.index import service_index
from motcua.store.indicators import reused_dossiers
from motcua.store.models import Origin, Reuse, StoredDocument

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _birth_certificate_in_store(citizen, online_procedure, tree) -> StoredDocument:
    """An earlier dossier of the citizen whose result, a birth certificate, is in the store."""
    earlier = lifecycle.submit(
        applicant_user=citizen,
        procedure=online_procedure,
        agency=tree["commune_a"],
        applicant=Applicant(kind="individual", name="Trần Văn Bình", id_number="072095001234"),
        documents_received=[],
        at=MONDAY,
    )
    kind = DocumentType.objects.create(code="giay_khai_sinh", name="Giấy khai sinh")
    online_procedure.documents.filter(order=2).update(document_type=kind)
    publish(online_procedure)
    return StoredDocument.objects.create(
        owner_id_number="072095001234",
        document_type=kind,
        title="Giấy khai sinh (bản chính)",
        origin=Origin.RESULT,
        issuer=tree["commune_a"],
        issued_at=MONDAY,
        blob=store_blob(encoded(page(), "PDF")),
        dossier=earlier,
    )


def _apply(client, tree, documents: dict) -> Dossier:
    assert client.post("/apply/1.001612/", details(tree)).status_code == 302
    response = client.post("/apply/1.001612/documents/", documents)
    assert response.status_code == 302, response.content.decode()
    assert client.post("/apply/1.001612/review/").status_code == 302
    return Dossier.objects.latest("pk")


def test_the_second_application_reuses_the_stored_paper(
    client, citizen, tree, online_procedure, staff
):
    stored = _birth_certificate_in_store(citizen, online_procedure, tree)
    client.force_login(citizen)
    client.post("/apply/1.001612/", details(tree))
    offered = client.get("/apply/1.001612/documents/").content.decode()
    assert "Dùng bản đã có trong kho dữ liệu: Giấy khai sinh (bản chính)" in offered

    dossier = _apply(
        client,
        tree,
        {"doc-1": SimpleUploadedFile("to-khai.pdf", PDF), "reuse-2": "1"},
    )

    reuse = Reuse.objects.get(dossier=dossier)
    assert reuse.stored == stored and reuse.document_order == 2
    assert read_blob(reuse.file.blob) == read_blob(stored.blob)
    assert dossier.documents.get(order=2).received
    office = Client()
    office.force_login(staff["receiver"])
    workspace = office.get(f"/office/dossiers/{dossier.code}/").content.decode()
    assert "Lấy từ kho dữ liệu điện tử của người nộp" in workspace
    assert stored.dossier.code in workspace


def test_phone_photos_of_a_document_become_one_pdf_in_the_application(
    client, citizen, tree, online_procedure, tmp_path
):
    client.force_login(citizen)
    dossier = _apply(
        client,
        tree,
        {
            "doc-1": [
                SimpleUploadedFile("IMG_0001.jpg", sideways_jpeg()),
                SimpleUploadedFile("IMG_0002.jpg", encoded(page(["Trang 2"]), "JPEG")),
            ]
        },
    )
    attached = DossierFile.objects.get(dossier=dossier, document_order=1)
    assert attached.name == "IMG_0001.pdf"
    assert attached.blob.content_type == "application/pdf"
    path = tmp_path / "document.pdf"
    path.write_bytes(read_blob(attached.blob))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+2$", info.stdout, re.MULTILINE)


def test_the_store_page_lists_only_the_citizens_own_papers(
    client, citizen, other_citizen, tree, online_procedure
):
    _birth_certificate_in_store(citizen, online_procedure, tree)
    client.force_login(citizen)
    assert "Giấy khai sinh (bản chính)" in client.get("/account/store/").content.decode()
    client.force_login(other_citizen)
    mine = client.get("/account/store/").content.decode()
    assert "Giấy khai sinh (bản chính)" not in mine
    assert "Chưa có giấy tờ nào" in mine


def test_a_stranger_cannot_reuse_a_paper_by_typing_its_owners_id_number(
    client, other_citizen, citizen, tree, online_procedure
):
    _birth_certificate_in_store(citizen, online_procedure, tree)
    client.force_login(other_citizen)
    client.post("/apply/1.001612/", details(tree))
    page_text = client.get("/apply/1.001612/documents/").content.decode()
    assert "Dùng bản đã có trong kho dữ liệu" not in page_text


def test_reuse_counts_in_the_service_index_once_the_dossier_is_resolved(
    client, citizen, tree, online_procedure, staff
):
    _birth_certificate_in_store(citizen, online_procedure, tree)
    client.force_login(citizen)
    dossier = _apply(
        client, tree, {"doc-1": SimpleUploadedFile("to-khai.pdf", PDF), "reuse-2": "1"}
    )
    dossier = lifecycle.accept(dossier, actor=staff["receiver"], at=MONDAY)
    month = date(2025, 3, 1)
    assert reused_dossiers([tree["commune_a"].pk], month, date(2025, 3, 31)) == 0

    walk_to(dossier, staff, "returned", MONDAY)

    assert reused_dossiers([tree["commune_a"].pk], month, date(2025, 3, 31)) == 1
    score = next(
        s for s in service_index(tree["commune_a"], month).scores if s.metric.code == "6.4"
    )
    assert (score.numerator, score.denominator) == (1, 1)
