"""An agency tree with e-office staff, issuer data and certificates, and documents at each
step (the clerk, the office head, a specialist, the signer; a commune's clerk)."""

from datetime import date

import pytest

from motcua.eoffice import incoming, outgoing
from motcua.eoffice.models import Channel, DocumentType, Issuer
from motcua.eoffice.seed import seed_document_types
from motcua.org.models import Role
from motcua.signing import democa
from motcua.signing.models import Backend
from motcua.signing.services import register_signer


@pytest.fixture(scope="session")
def ca(tmp_path_factory):
    root_key, root = democa.make_root("CA thử nghiệm văn phòng điện tử")
    path = tmp_path_factory.mktemp("eoffice-ca") / "root.pem"
    path.write_bytes(democa.pem(root))
    return root_key, root, path


def certificate(ca, *, common_name, organisation, **owner):
    root_key, root, _ = ca
    key, cert = democa.issue(root_key, root, common_name=common_name, organisation=organisation)
    return register_signer(
        name=f"Chứng thư số {common_name}",
        backend=Backend.PKCS12,
        pkcs12_content=democa.pkcs12_bytes(key, cert, [root]),
        **owner,
    )


@pytest.fixture
def office(tree, make_user, ca, settings):
    """Staff, issuer rows and certificates of the district (and commune A's clerk)."""
    settings.MOTCUA_TRUST_ROOTS = [str(ca[2])]
    seed_document_types()  # a transactional test's flush removed the seeded kinds
    district, department = tree["district"], tree["department"]
    Issuer.objects.create(
        agency=district,
        abbreviation="UBND",
        heading="ỦY BAN NHÂN DÂN|HUYỆN TÂN BIÊN",
        place="Tân Biên",
        collective="ỦY BAN NHÂN DÂN",
    )
    Issuer.objects.create(
        agency=tree["commune_a"],
        abbreviation="UBND",
        governing_heading="UBND HUYỆN TÂN BIÊN",
        heading="ỦY BAN NHÂN DÂN|XÃ TÂN LẬP",
        place="Tân Lập",
    )
    people = {
        "clerk": make_user("vanthu", (Role.CLERK, district), first_name="Nguyễn Thị Thu"),
        "head": make_user("chanhvp", (Role.OFFICE_HEAD, district), first_name="Trần Văn Hải"),
        "handler": make_user("chuyenvien", (Role.DOC_HANDLER, department), first_name="Lê Minh"),
        "signer": make_user("pct", (Role.DOC_SIGNER, district), first_name="Võ Văn Thành"),
        "commune_clerk": make_user(
            "vanthu.xa", (Role.CLERK, tree["commune_a"]), first_name="Phạm Thị Hoa"
        ),
        "outsider": make_user("khac", (Role.RECEIVER, district), first_name="Người khác"),
    }
    certificate(
        ca, common_name="Võ Văn Thành", organisation="UBND huyện Tân Biên", user=people["signer"]
    )
    certificate(
        ca,
        common_name="Ủy ban nhân dân huyện Tân Biên",
        organisation="UBND huyện Tân Biên",
        agency=district,
    )
    return {**tree, **people}


def decision_type():
    return DocumentType.objects.get(code="QĐ")


@pytest.fixture
def make_draft(office):
    def make(**fields):
        values = {
            "agency": office["district"],
            "user": office["handler"],
            "document_type": decision_type(),
            "title": "Về việc giao chỉ tiêu cải cách hành chính năm 2026",
            "body": "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Giao chỉ tiêu cho các xã.\n\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.",
            "signer": office["signer"],
            "signer_title": "Phó Chủ tịch",
            "signature_form": "KT.",
            "authority": "Chủ tịch",
            "recipients_text": "Như Điều 2\nCT, các PCT UBND huyện",
        }
        values.update(fields)
        return outgoing.create_draft(**values)

    return make


@pytest.fixture
def make_approved(office, make_draft):
    def make(**fields):
        document = make_draft(**fields)
        outgoing.submit(document, office["handler"])
        outgoing.check(document, office["head"], accept=True)
        return outgoing.approve(document, office["signer"], accept=True)

    return make


@pytest.fixture
def registered(office, signed_pdf):
    """A document of the province, registered at the district."""
    return incoming.register_upload(
        agency=office["district"],
        user=office["clerk"],
        pdf=signed_pdf,
        channel=Channel.EMAIL,
        sender_name="UBND tỉnh Tây Ninh",
        symbol="125/UBND-KSTT",
        issued_on=date(2026, 3, 2),
        title="Về việc báo cáo kết quả cải cách hành chính quý I",
        signer="Phó Chủ tịch Nguyễn Văn Mười",
    )


@pytest.fixture
def signed_pdf(ca):
    """A one-page PDF signed by a certificate of the test CA."""
    from weasyprint import HTML

    from motcua.signing.keys import Pkcs12Key
    from motcua.signing.signer import sign_pdf

    root_key, root, _ = ca
    key, cert = democa.issue(
        root_key, root, common_name="Nguyễn Văn Mười", organisation="UBND tỉnh Tây Ninh"
    )
    pdf = HTML(string="<p>Văn bản của UBND tỉnh Tây Ninh</p>").write_pdf()
    return sign_pdf(pdf, Pkcs12Key(democa.pkcs12_bytes(key, cert, [root]), None))
