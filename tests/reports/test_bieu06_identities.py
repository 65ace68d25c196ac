"""Property: the identities of Biểu 06 hold for every agency, field and period over random
histories made through the lifecycle, on calendar periods and on the Decree 09/2019 cut-off.

    received total = carried over + online + at the desk or by post
    received total = resolved + in progress + stopped (refused after review, withdrawn)
    resolved       = early + on time + late
    in progress    = within + overdue (waiting is an "of which" of within)
    a period's closing "in progress" is the next period's "carried over"
"""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period

START = vn(2025, 2, 3, 8)
NOW = vn(2026, 1, 5, 9)
FATES = ("open", "handling", "waiting", "supplemented", "returned", "refused", "withdrawn")

plans = st.lists(
    st.tuples(
        st.integers(0, 110),  # day of reception after 03/02/2025
        st.integers(0, 8),  # hour after 08:00
        st.booleans(),  # online (accepted by the desk) or at the desk
        st.sampled_from(FATES),
        st.integers(1, 40),  # days from reception to the end of its story
        st.booleans(),  # commune A or commune B
    ),
    min_size=1,
    max_size=5,
)


def live(plan, tree, staff, marriage, applicant):
    day, hour, online, fate, length, at_a = plan
    received = START + timedelta(days=day, hours=hour)
    end = received + timedelta(days=length, hours=1)
    people = staff if at_a else {k[6:]: v for k, v in staff.items() if k.startswith("other_")}
    commune = tree["commune_a" if at_a else "commune_b"]
    if online:
        dossier = lifecycle.submit(
            applicant_user=None,
            procedure=marriage,
            agency=commune,
            applicant=applicant,
            documents_received=[1, 2],
            at=received - timedelta(hours=2),
        )
        dossier = lifecycle.accept(dossier, actor=people["receiver"], at=received)
    else:
        dossier = lifecycle.receive(
            actor=people["receiver"],
            procedure=marriage,
            agency=commune,
            applicant=applicant,
            documents_received=[1, 2],
            at=received,
        )
    middle = received + (end - received) / 2
    if fate == "handling":
        walk_to(dossier, people, "in_progress", middle)
    elif fate in ("waiting", "supplemented"):
        # A supplement is asked for before the deadline (the rule sets refuse it after).
        asked = received + timedelta(minutes=30)
        dossier = walk_to(dossier, people, "in_progress", asked)
        dossier = lifecycle.request_supplement(
            dossier, actor=people["handler"], items=["Giấy tờ"], at=asked + timedelta(minutes=1)
        )
        if fate == "supplemented":
            dossier = lifecycle.receive_supplement(dossier, actor=people["receiver"], at=end)
            walk_to(dossier, people, "returned", end + timedelta(days=2))
    elif fate == "returned":
        walk_to(dossier, people, "returned", end)
    elif fate == "refused":
        dossier = walk_to(dossier, people, "in_progress", middle)
        lifecycle.refuse(dossier, actor=people["handler"], reason="Không đủ điều kiện", at=end)
    elif fate == "withdrawn":
        lifecycle.withdraw(dossier, actor=people["receiver"], reason="Xin rút", at=end)


def check(report):
    lines = [*report.lines, *(c for line in report.lines for c in line.children), report.total]
    for line in lines:
        where = (report.period.label, line.label, line.values())
        assert line.received_total == line.carried + line.online + line.desk, where
        assert line.received_total == line.resolved + line.in_progress + line.stopped, where
        assert line.stopped == line.refused + line.withdrawn, where
        assert line.resolved == line.early + line.on_time + line.late, where
        assert line.in_progress == line.within + line.overdue, where
        assert 0 <= line.waiting <= line.within, where
        assert line.balanced, where


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=plans)
def test_the_identities_hold_over_random_histories(plans, tree, staff, marriage, applicant):
    with transaction.atomic():
        for plan in plans:
            live(plan, tree, staff, marriage, applicant)
        for start_day in (1, 15):
            months = [period("month", 2025, n, start_day=start_day) for n in range(1, 13)]
            for agency in (tree["commune_a"], tree["district"]):
                reports = [periodic_report(agency, month, NOW) for month in months]
                for report in reports:
                    check(report)
                for before, after in pairwise(reports):
                    assert before.total.in_progress == after.total.carried
            year = periodic_report(tree["district"], period("year", 2025, start_day=start_day), NOW)
            check(year)
            assert sum(r.total.received for r in reports) == year.total.received
            assert reports[0].total.carried == year.total.carried
            assert reports[-1].total.in_progress == year.total.in_progress
        transaction.set_rollback(True)
