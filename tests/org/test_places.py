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


def test_an_address_under_current_units_names_the_commune_not_its_province(tree):
    from motcua.org.places import residence_agency

    for agency, place in ((tree["province"], "Tây Ninh"), (tree["commune_b"], "Thạnh Bắc")):
        agency.place_name = place  # as the demo writes them: two words each
        agency.save()
    address = "Ấp Thạnh Hiệp, xã Thạnh Bắc, tỉnh Tây Ninh"
    assert residence_agency(address) == tree["commune_b"]
