"""Outgoing documents: drafted, checked, approved in steps, numbered at release only,
signed by the signer and sealed by the agency, and delivered."""

import pytest

from motcua.eoffice import outgoing
from motcua.eoffice.errors import InvalidInput, NotAllowed, StateError
from motcua.eoffice.models import OutgoingStatus, Register
from motcua.notify.models import Message
from motcua.signing.services import configured_trust_roots, verify_pdf


def test_a_draft_goes_through_review_and_approval_without_a_number(office, make_draft):
    document = make_draft()
    assert document.status == OutgoingStatus.DRAFT
    outgoing.submit(document, office["handler"])
    with pytest.raises(NotAllowed):
        outgoing.check(document, office["clerk"], accept=True)
    outgoing.check(document, office["head"], accept=True)
    with pytest.raises(NotAllowed):
        outgoing.approve(document, office["head"], accept=True)
    document = outgoing.approve(document, office["signer"], accept=True)
    assert document.status == OutgoingStatus.APPROVED
    assert document.number is None and document.symbol == ""
    assert not Register.objects.exists()
    kinds = list(document.events.values_list("kind", flat=True))
    assert kinds == ["draft", "submit", "check", "approve"]


def test_a_return_needs_a_reason_and_sends_the_draft_back(office, make_draft):
    document = make_draft()
    outgoing.submit(document, office["handler"])
    with pytest.raises(InvalidInput):
        outgoing.check(document, office["head"], accept=False)
    document = outgoing.check(document, office["head"], accept=False, note="Sửa căn cứ.")
    assert document.status == OutgoingStatus.DRAFT


def test_release_numbers_signs_twice_and_seals(office, make_approved):
    first = outgoing.release(make_approved(), office["clerk"])
    second = outgoing.release(make_approved(title="Về việc khác"), office["clerk"])
    assert (first.number, second.number) == (1, 2)
    assert first.symbol == "01/QĐ-UBND"
    assert second.symbol == "02/QĐ-UBND"
    with first.file.open("rb") as file:
        reports = verify_pdf(file.read(), configured_trust_roots())
    assert [r.signer for r in reports] == ["Võ Văn Thành", "Ủy ban nhân dân huyện Tân Biên"]
    assert all(not r.broken and r.trusted for r in reports)


def test_only_the_clerk_releases_and_only_approved_documents(office, make_draft, make_approved):
    with pytest.raises(StateError):
        outgoing.release(make_draft(), office["clerk"])
    with pytest.raises(NotAllowed):
        outgoing.release(make_approved(), office["signer"])


def test_a_failed_signature_gives_no_number_away(office, make_approved):
    from motcua.signing.models import SignerConfig

    SignerConfig.objects.filter(agency=office["district"]).update(active=False)
    document = make_approved()
    with pytest.raises(InvalidInput, match="con dấu số"):
        outgoing.release(document, office["clerk"])
    document.refresh_from_db()
    assert document.number is None and document.status == OutgoingStatus.APPROVED
    SignerConfig.objects.filter(agency=office["district"]).update(active=True)
    assert outgoing.release(document, office["clerk"]).number == 1


def test_outside_recipients_get_an_email_through_the_outbox(office, make_approved):
    document = outgoing.release(
        make_approved(recipient_emails="vanthu@congty.example"), office["clerk"]
    )
    message = Message.objects.get(to="vanthu@congty.example")
    assert document.symbol in message.subject
    delivery = document.deliveries.get(email="vanthu@congty.example")
    assert f"/eoffice/public/{delivery.pk}/" in message.body


def test_confidential_documents_are_not_emailed(office, make_draft):
    with pytest.raises(InvalidInput, match="mật"):
        make_draft(recipient_emails="a@b.example", confidentiality="secret")


def test_a_unit_drafts_for_the_nearest_issuing_agency_above_it(office, make_draft):
    from motcua.eoffice.models import Issuer

    Issuer.objects.create(
        agency=office["province"],
        abbreviation="UBND",
        heading="ỦY BAN NHÂN DÂN|TỈNH TÂY NINH",
        place="Tây Ninh",
    )
    assert make_draft(user=office["handler"]).agency == office["district"]
    with pytest.raises(NotAllowed):
        make_draft(user=office["handler"], agency=office["province"])
    # a commune issues its own documents: its clerk does not draft the district's
    with pytest.raises(NotAllowed):
        make_draft(user=office["commune_clerk"])
    assert make_draft(
        user=office["commune_clerk"], agency=office["commune_a"], signer=office["signer"]
    )
