import pytest
from django.core.exceptions import ValidationError

from motcua.org.models import Agency


def test_subtree_holds_the_agency_and_everything_below(tree):
    district = tree["district"]
    codes = set(district.subtree().values_list("code", flat=True))
    assert codes == {"000.00.21.H56", "000.01.21.H56", "000.21.21.H56", "000.22.21.H56"}
    assert set(tree["commune_a"].subtree()) == {tree["commune_a"]}


def test_ancestors_run_from_the_root_down(tree):
    assert tree["commune_a"].ancestors() == [tree["province"], tree["district"]]
    assert tree["province"].ancestors() == []


def test_moving_an_agency_moves_its_whole_subtree(tree):
    # 2025 reform: the district level disappears, communes hang under the province.
    province, district = tree["province"], tree["district"]
    kind = tree["kinds"]["commune"]
    hamlet_office = Agency.objects.create(
        code="X.1", name="Tổ công tác", kind=kind, parent=tree["commune_a"]
    )
    commune_a = tree["commune_a"]
    commune_a.parent = province
    commune_a.save()
    hamlet_office.refresh_from_db()
    assert hamlet_office in province.subtree()
    assert hamlet_office not in Agency.objects.get(pk=district.pk).subtree()
    assert hamlet_office.ancestors() == [province, commune_a]


def test_an_agency_cannot_be_placed_under_its_own_subtree(tree):
    district = tree["district"]
    district.parent = tree["commune_a"]
    with pytest.raises(ValidationError):
        district.full_clean()


def test_any_depth_works(tree):
    parent = tree["commune_b"]
    for level in range(8):
        parent = Agency.objects.create(
            code=f"deep.{level}", name=f"Cấp {level}", kind=parent.kind, parent=parent
        )
    assert parent in tree["province"].subtree()
    assert len(parent.ancestors()) == 10  # province, district, commune, 7 levels above the last
