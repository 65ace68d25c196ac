"""Forms 01-05 signed by the desk when the agency switches it on; the demo CA."""

import pytest

from motcua.org.models import Role
from motcua.signing import democa
from motcua.signing.models import Backend, SignerConfig
from motcua.signing.services import maybe_sign_form, register_signer, verify_pdf
from motcua.signing.verifier import configured_trust_roots


@pytest.fixture
def district_signs_forms(certificate_for, tree):
    return certificate_for(tree["district"], signs_forms=True)


def test_forms_stay_unsigned_until_the_agency_switches_it_on(pki, tree, one_page_pdf):
    register_signer(
        name="Chỉ ký kết quả",
        backend=Backend.PKCS12,
        agency=tree["commune_a"],
        pkcs12_content=pki.p12(password=None),
    )

    assert maybe_sign_form(tree["commune_a"], one_page_pdf) == one_page_pdf


def test_the_switch_holds_for_the_agencies_below(district_signs_forms, tree, pki, marked_pdf):
    signed = maybe_sign_form(tree["commune_a"], marked_pdf)

    [report] = verify_pdf(signed, pki.roots)
    assert report.reason == "Bộ phận Một cửa ký số phiếu" and not report.broken


def test_the_printed_form_01_is_signed(
    district_signs_forms, dossier_to_approve, staff, client, pki
):
    client.force_login(staff[Role.RECEIVER])

    response = client.get(f"/print/dossiers/{dossier_to_approve.code}/01.pdf")

    assert response.status_code == 200
    [report] = verify_pdf(response.content, pki.roots)
    assert report.signer == "Nguyễn Văn An" and not report.broken


def test_a_form_that_cannot_be_signed_is_a_clear_problem_page(
    district_signs_forms, dossier_to_approve, staff, client, monkeypatch
):
    monkeypatch.delenv("MOTCUA_TEST_P12")
    client.force_login(staff[Role.RECEIVER])

    response = client.get(f"/print/dossiers/{dossier_to_approve.code}/01.pdf")

    assert response.status_code == 409
    assert "MOTCUA_TEST_P12" in response.content.decode()


def test_demo_ca_is_made_once_and_signs_for_every_approver_agency(
    tree, make_user, settings, tmp_path, one_page_pdf
):
    settings.VAR_DIR = tmp_path
    make_user("pct.xa", (Role.APPROVER, tree["commune_a"]))
    make_user("pct.huyen", (Role.APPROVER, tree["district"]))

    assert democa.setup_demo_signing() == 2
    root = (tmp_path / "demo-ca" / "root.pem").read_bytes()
    assert democa.setup_demo_signing() == 2
    assert (tmp_path / "demo-ca" / "root.pem").read_bytes() == root
    configs = SignerConfig.objects.order_by("agency__path")
    assert [c.agency for c in configs] == [tree["district"], tree["commune_a"]]
    assert all(c.signs_forms and c.pkcs12_path for c in configs)
    assert oct((tmp_path / "demo-ca" / "root-key.pem").stat().st_mode)[-3:] == "600"

    signed = maybe_sign_form(tree["commune_b"], one_page_pdf)

    [report] = verify_pdf(signed, configured_trust_roots())
    assert report.trusted and report.demo
    assert "CA MINH HỌA" in report.summary
    assert report.signer == "UBND huyện Tân Biên"
