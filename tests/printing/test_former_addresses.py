"""Addresses written under former units: a form printed after the re-organisation says which
unit is now in charge; one printed before, or in today's words, does not."""

from datetime import date

from support import vn

from motcua.dossiers.applicants import Applicant
from motcua.org.models import AddressChange, Agency
from motcua.printing.services import dossier_form_html, dossier_form_pdf

OLD = "Ấp Hòa Đông, xã Hòa Hiệp, huyện Tân Biên, tỉnh Tây Ninh"


def change_to(agency: Agency) -> AddressChange:
    return AddressChange.objects.create(
        old="xã Hòa Hiệp, huyện Tân Biên",
        new="xã Phước Vinh, tỉnh Tây Ninh",
        agency=agency,
        effective_on=date(2025, 7, 1),
    )


def applicant(address: str) -> Applicant:
    return Applicant(
        kind="individual", name="Võ Văn Tám", id_number="072095007777", address=address
    )


def test_a_form_printed_after_the_change_names_the_unit_now_in_charge(tree, receive, read_pdf):
    change_to(tree["commune_a"])
    after = receive(at=vn(2025, 7, 7, 9), applicant=applicant(OLD))
    before = receive(at=vn(2025, 6, 23, 9), applicant=applicant(OLD))
    current = receive(
        at=vn(2025, 7, 7, 10), applicant=applicant("Ấp 1, xã Phước Vinh, tỉnh Tây Ninh")
    )

    printed = read_pdf(dossier_form_pdf(after, "01"))
    assert not printed.missing(f"Địa chỉ: {OLD} (nay là xã Phước Vinh, tỉnh Tây Ninh)")
    assert "nay là" not in dossier_form_html(before, "01")  # printed as it was then
    assert "nay là" not in dossier_form_html(current, "01")  # already in today's words
