"""A search for a former place finds the agency that took it in."""

from datetime import date

from motcua.org.models import AddressChange, Agency


def change_to(agency: Agency) -> AddressChange:
    return AddressChange.objects.create(
        old="xã Hòa Hiệp, huyện Tân Biên",
        new="xã Phước Vinh, tỉnh Tây Ninh",
        agency=agency,
        effective_on=date(2025, 7, 1),
    )


def test_a_former_place_finds_the_agency_that_took_it_in(client, tree):
    assert client.get("/api/v1/agencies", {"q": "hoa hiep"}).json()["count"] == 0
    change_to(tree["commune_b"])
    found = client.get("/api/v1/agencies", {"q": "Hòa Hiệp"}).json()
    assert [a["code"] for a in found["items"]] == [tree["commune_b"].code]
