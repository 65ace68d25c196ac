"""Both rule sets ship as data, each parameter with its legal source, chosen by date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from support import vn

from motcua.rules.lookup import NoRuleSet, rule_set_for, rule_set_on
from motcua.rules.models import PARAMETERS, RuleSet

pytestmark = pytest.mark.django_db


def test_the_2018_and_2025_sets_are_shipped_with_a_source_for_every_parameter():
    sets = {s.code: s for s in RuleSet.objects.all()}

    assert sorted(sets) == ["2018", "2025"]
    for rule_set in sets.values():
        for name in PARAMETERS:
            assert rule_set.sources[name].strip(), (rule_set.code, name)
        rule_set.full_clean()
    assert sets["2018"].forms_circular == "01/2018/TT-VPCP"
    assert sets["2025"].forms_circular == "03/2025/TT-VPCP"
    assert (sets["2018"].counting, sets["2025"].counting) == ("same_moment", "end_of_day")
    assert (sets["2018"].classify_on, sets["2025"].classify_on) == ("returned", "ready")
    assert "Điều 148" in sets["2025"].sources["counting"]


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2022, 3, 1), "2018"),
        (date(2025, 6, 30), "2018"),
        (date(2025, 7, 1), "2025"),
        (date(2026, 11, 30), "2025"),
    ],
)
def test_the_set_in_force_on_a_day(day, code):
    assert rule_set_on(day).code == code


def test_before_the_first_set_there_is_none():
    with pytest.raises(NoRuleSet, match="Không có bộ quy tắc nào áp dụng ngày 01/01/2010"):
        rule_set_on(date(2010, 1, 1))


def test_a_dossier_keeps_the_set_of_its_reception_for_its_whole_life(receive):
    dossier = receive(at=vn(2025, 6, 30, 16))

    assert rule_set_for(dossier).code == "2018"


def test_an_administrator_adds_the_next_set_without_a_deploy():
    current = RuleSet.objects.get(code="2025")
    current.valid_to = date(2026, 12, 31)
    current.full_clean()
    current.save()
    following = RuleSet(
        code="2027",
        name="Bộ quy tắc năm 2027",
        decree="Nghị định giả định",
        forms_circular="03/2025/TT-VPCP",
        valid_from=date(2027, 1, 1),
        forms_valid_from=date(2027, 1, 1),
        counting="same_moment",
        online_clock="acceptance",
        classify_on="returned",
        dossier_code_format=current.dossier_code_format,
        report_form=current.report_form,
        report_circular=current.report_circular,
        report_title=current.report_title,
        forms=current.forms,
        sources=dict.fromkeys(PARAMETERS, "unverified: ví dụ"),
    )
    following.full_clean()
    following.save()

    assert rule_set_on(date(2026, 12, 31)).code == "2025"
    assert rule_set_on(date(2027, 1, 1)).code == "2027"


def test_a_set_that_overlaps_another_or_lacks_sources_is_refused():
    overlapping = RuleSet.objects.get(code="2025")
    overlapping.pk = None
    overlapping.code = "2025b"
    overlapping.sources = {}

    with pytest.raises(ValidationError) as raised:
        overlapping.full_clean()

    assert "trùng với bộ quy tắc" in str(raised.value)
    assert "Thiếu căn cứ pháp lý" in str(raised.value)
