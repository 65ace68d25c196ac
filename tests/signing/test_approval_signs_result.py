"""The approver's approval signs the result; the event records the signed file's sha256."""

import hashlib
import io

import pytest
import segno
from pyhanko.pdf_utils.reader import PdfFileReader
from signing.conftest import KEY_LABEL, PASSWORD, PIN, TOKEN
from signing.pdftools import pdfsig, text_of
from support import MONDAY

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Blob, DossierFile, FileKind, Status
from motcua.org.models import Role
from motcua.signing.conf import SOFTHSM_MODULE
from motcua.signing.models import Backend
from motcua.signing.services import (
    issuance_by_code,
    issued_result,
    register_signer,
    signer_for_result,
    verify_pdf,
)


def _approval(dossier):
    return dossier.events.get(kind="approve")


def _qr_in_stamp(content: bytes) -> set[tuple[int, int]]:
    """The dark modules of the QR code drawn in the signature stamp, as (x, y) cells."""
    reader = PdfFileReader(io.BytesIO(content))
    widget = reader.embedded_signatures[-1].sig_field
    found = _find_xobject(widget["/AP"]["/N"], "/QR")
    commands = found.data.decode().split("\n")
    return {
        (int(parts[0]), int(parts[1]))
        for parts in (line.split() for line in commands)
        if len(parts) == 5 and parts[4] == "re"
    }


def _find_xobject(stream, name):
    xobjects = stream.get("/Resources", {}).get("/XObject", {})
    for key, value in xobjects.items():
        if key == name:
            return value.get_object()
        found = _find_xobject(value.get_object(), name)
        if found is not None:
            return found
    return None


def _expected_qr(url: str) -> set[tuple[int, int]]:
    rows = segno.make(url, error="m").matrix
    size = len(rows) + 2
    return {
        (x + 1, size - 1 - y - 1)
        for y, row in enumerate(rows)
        for x, dark in enumerate(row)
        if dark
    }


def test_approval_signs_a_generated_result_and_records_its_sha256(
    agency_certificate, dossier_to_approve, staff, pki, tmp_path, settings
):
    dossier = lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)

    event = _approval(dossier)
    result = DossierFile.objects.get(dossier=dossier, kind=FileKind.RESULT)
    content = read_blob(result.blob)
    assert event.payload["result_signed"] is True
    assert event.payload["signed_result_sha256"] == hashlib.sha256(content).hexdigest()
    assert event.payload["result_file"] == result.pk
    assert issued_result(dossier) == result
    assert result.name == f"ket-qua-{dossier.code}.pdf"
    assert "Signature is Valid." in pdfsig(content, tmp_path)
    [report] = verify_pdf(content, pki.roots)
    assert report.trusted and not report.broken
    text = text_of(content, tmp_path)
    for expected in (
        "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Giấy chứng nhận kết hôn",
        "Trần Văn Bình",
        dossier.code,
        "Người ký: Nguyễn Văn An",
        "Chức vụ: Chủ tịch UBND xã",
        "Cơ quan: UBND xã Tân Lập",
    ):
        assert expected in text
    source = event.payload["result_source_sha256"]
    url = f"{settings.SITE_URL}/verify/?code={dossier.code}&sha256={source}"
    assert _qr_in_stamp(content) == _expected_qr(url)
    assert issuance_by_code(dossier.code, source).file == result


def test_approval_signs_the_uploaded_result_pdf(
    agency_certificate, dossier_to_approve, staff, one_page_pdf
):
    uploaded = lifecycle.attach_file(
        dossier_to_approve,
        actor=staff[Role.HANDLER],
        kind=FileKind.RESULT,
        content=one_page_pdf,
        name="giay-chung-nhan.pdf",
        at=MONDAY,
    )

    dossier = lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)

    event = _approval(dossier)
    signed = issued_result(dossier)
    assert signed != uploaded and signed.name == "giay-chung-nhan-da-ky-so.pdf"
    assert event.payload["result_source_sha256"] == uploaded.blob.sha256
    assert read_blob(signed.blob).startswith(one_page_pdf)
    assert event.payload["signed_result_sha256"] == signed.blob.sha256


def test_without_a_certificate_approval_goes_ahead_unsigned(dossier_to_approve, staff):
    dossier = lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)

    assert dossier.status == Status.APPROVED
    assert _approval(dossier).payload["result_signed"] is False
    assert "signed_result_sha256" not in _approval(dossier).payload
    assert not dossier.files.exists()
    assert issued_result(dossier) is None


def test_a_failed_signature_leaves_the_dossier_unchanged(
    agency_certificate, dossier_to_approve, staff, monkeypatch
):
    monkeypatch.delenv("MOTCUA_TEST_P12")
    before = (dossier_to_approve.status, dossier_to_approve.version, Blob.objects.count())

    with pytest.raises(InvalidInput) as error:
        lifecycle.approve(dossier_to_approve, actor=staff[Role.APPROVER], at=MONDAY)

    assert "MOTCUA_TEST_P12" in error.value.errors["signing_password"]
    dossier_to_approve.refresh_from_db()
    assert (dossier_to_approve.status, dossier_to_approve.version, Blob.objects.count()) == before
    assert not dossier_to_approve.events.filter(kind="approve").exists()


def test_a_password_typed_at_approval_unlocks_a_certificate_that_asks_for_one(
    pki, staff, dossier_to_approve
):
    register_signer(
        name="Chứng thư số cá nhân",
        backend=Backend.PKCS12,
        user=staff[Role.APPROVER],
        pkcs12_content=pki.p12(),
        secret=PASSWORD,
    )
    approver = staff[Role.APPROVER]
    with pytest.raises(InvalidInput, match="sai mật khẩu"):
        lifecycle.approve(dossier_to_approve, actor=approver, at=MONDAY)

    dossier = lifecycle.approve(
        dossier_to_approve, actor=approver, signing_password=PASSWORD, at=MONDAY
    )

    assert _approval(dossier).payload["result_signed"] is True


def test_the_token_of_the_agency_signs_results(token, tree, staff, dossier_to_approve, pki):
    register_signer(
        name="USB token UBND huyện",
        backend=Backend.PKCS11,
        agency=tree["district"],
        module_path=SOFTHSM_MODULE,
        token_label=TOKEN,
        key_label=KEY_LABEL,
        secret=PIN,
        secret_env="",
    )

    dossier = lifecycle.approve(
        dossier_to_approve, actor=staff[Role.APPROVER], signing_password=PIN, at=MONDAY
    )

    [report] = verify_pdf(read_blob(issued_result(dossier).blob), pki.roots)
    assert report.signer == "Trần Thị Bích" and not report.broken


def test_the_approver_s_own_certificate_comes_first_then_the_nearest_agency(
    pki, tree, staff, make_user
):
    def register(**owner):
        return register_signer(
            name="x", backend=Backend.PKCS12, pkcs12_content=pki.p12(password=None), **owner
        )

    approver = staff[Role.APPROVER]
    commune = tree["commune_a"]
    assert signer_for_result(approver, commune) is None
    province = register(agency=tree["province"])
    assert signer_for_result(approver, commune) == province
    district = register(agency=tree["district"])
    assert signer_for_result(approver, commune) == district
    assert signer_for_result(approver, tree["province"]) == province
    personal = register(user=approver)
    assert signer_for_result(approver, commune) == personal
    personal.active = False
    personal.save()
    assert signer_for_result(approver, commune) == district
