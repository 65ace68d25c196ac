"""Rule sets, the catalog's versions and admissions, and the calendar are kept in each
process while their revision token holds; a change, here or in another process, shows at
once."""

from datetime import date, datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from support import MONDAY

from motcua.catalog.services import current_version, publish, receives_at
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.revisions.models import Revision
from motcua.revisions.tokens import KINDS, kept
from motcua.rules.lookup import rule_set_on
from motcua.rules.models import RuleSet

DAY = date(2025, 3, 3)
pytestmark = pytest.mark.django_db


def tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


def test_every_kind_has_a_token_after_migrate():
    assert set(Revision.objects.values_list("name", flat=True)) == set(KINDS)


def test_a_kept_value_is_read_once_then_only_its_token():
    rule_set_on(DAY)
    with CaptureQueriesContext(connection) as queries:
        assert rule_set_on(DAY).code == "2018"
    assert "revisions_revision" in tables(queries) and "rules_ruleset" not in tables(queries)


def test_a_rule_set_saved_here_shows_at_once():
    assert rule_set_on(DAY).supplement_requests == 1
    rule_set = RuleSet.objects.get(code="2018")
    rule_set.supplement_requests = 2
    rule_set.save()
    assert rule_set_on(DAY).supplement_requests == 2


def test_a_change_made_by_another_process_shows_at_once():
    assert rule_set_on(DAY).apology_lead_days == 1
    # Another process writes the row (no signal here) and moves the token on.
    RuleSet.objects.filter(code="2018").update(apology_lead_days=2)
    assert rule_set_on(DAY).apology_lead_days == 1
    Revision.objects.filter(name="rules").update(token="written-by-another-process")
    assert rule_set_on(DAY).apology_lead_days == 2


def test_a_rolled_back_change_is_not_kept():
    with pytest.raises(RuntimeError), transaction.atomic():
        rule_set = RuleSet.objects.get(code="2018")
        rule_set.supplement_requests = 5
        rule_set.save()
        assert rule_set_on(DAY).supplement_requests == 5
        raise RuntimeError("rollback")
    assert rule_set_on(DAY).supplement_requests == 1


def test_nothing_is_kept_while_a_kind_has_no_token():
    Revision.objects.filter(name="rules").delete()
    reads = []
    for _ in range(2):
        kept("rules", "probe", lambda: reads.append(1))
    assert len(reads) == 2


def test_a_new_version_of_a_procedure_is_used_by_the_next_reception(procedure, receive):
    first = current_version(procedure)
    assert receive().procedure_version == first
    procedure.name = "Đăng ký kết hôn (sửa đổi)"
    procedure.save()
    second = publish(procedure)
    assert second.number == first.number + 1
    assert receive().procedure_version == second


def test_an_agency_kind_taken_off_a_procedure_stops_its_reception(procedure, receive, tree):
    assert receives_at(procedure, tree["commune_a"])
    receive(at=MONDAY)
    procedure.agency_kinds.remove(tree["commune_a"].kind)
    assert not receives_at(procedure, tree["commune_a"])
    with pytest.raises(InvalidInput, match="không tiếp nhận"):
        receive(at=MONDAY)


def test_a_role_taken_away_refuses_the_next_action(receive, staff, tree):
    receive(at=MONDAY)
    staff["receiver"].role_assignments.get(role="receiver").delete()
    with pytest.raises(NotAllowed):
        receive(at=MONDAY)


def test_a_role_given_in_another_process_counts_at_once(receive, staff, tree):
    from motcua.org.access import may
    from motcua.org.models import Role

    handler = staff["handler"]
    assert not may(handler, Role.RECEIVER, tree["commune_a"])
    # Another process changes the row (no signal here) and moves the token on.
    handler.role_assignments.filter(role="handler").update(role="receiver")
    assert not may(handler, Role.RECEIVER, tree["commune_a"])
    Revision.objects.filter(name="roles").update(token="written-by-another-process")
    assert may(handler, Role.RECEIVER, tree["commune_a"])


def test_kept_roles_are_read_again_on_a_new_day(staff, tree):
    """An agency that ends tonight: its roles count today and not tomorrow, with no change
    to any row in between (nothing changes the token)."""
    import time_machine

    from motcua.org.access import may
    from motcua.org.models import Role
    from motcua.workdays.engine import VIETNAM_TZ

    commune = tree["commune_a"]
    commune.valid_to = date(2025, 3, 3)
    commune.save()
    with time_machine.travel(datetime(2025, 3, 3, 16, tzinfo=VIETNAM_TZ), tick=False):
        assert may(staff["receiver"], Role.RECEIVER, commune)
    with time_machine.travel(datetime(2025, 3, 4, 8, tzinfo=VIETNAM_TZ), tick=False):
        assert not may(staff["receiver"], Role.RECEIVER, commune)


def test_an_empty_answer_is_kept_too():
    reads = []
    for _ in range(2):
        kept("rules", "nothing", lambda: reads.append(1) or ())
    assert len(reads) == 1
