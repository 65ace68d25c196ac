"""Property: the identities of Biểu 06 hold for every agency, field and period over random
histories made through the lifecycle, on calendar periods and on the Decree 09/2019 cut-off.

    received total = carried over + online + at the desk or by post
    received total = resolved + in progress + stopped (refused after review, withdrawn)
    resolved       = early + on time + late
    in progress    = within + overdue (waiting is an "of which" of within)
    a period's closing "in progress" is the next period's "carried over"

and the same across a re-organisation (docs/decisions/0120): on 01/07/2025 communes A and B
merge into M and commune D splits into S1 and S2 by the applicant's residence, with
`motcua.org.reorganise`. Over random histories around that day Biểu 06 keeps its
identities for the former agencies, the successors and the district holding them all; a
period's closing "in progress" plus what moved in (less what moved out) during the next
period is the next period's "carried over" (for the district the moves net to zero and the
two are equal); the reports of periods before the re-organisation day keep their figures
when the plan is applied; the rollups kept event by event equal a rebuild from the events.
"""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.org.models import Agency
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period
from motcua.reports.rebuild import rebuild, snapshot

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


MAY = vn(2025, 5, 5, 8)  # a Monday; the plan takes effect 57 days later
EFFECTIVE = vn(2025, 7, 1, 0)
PLACES = ("a", "b", "d_east", "d_west")
ADDRESSES = {
    "a": "Ấp Thạnh Hiệp, xã Tân Lập",
    "b": "Ấp Thạnh Nam, xã Thạnh Bắc",
    "d_east": "Ấp Hòa Đông, xã Thạnh Tây",
    "d_west": "Ấp Phước Lợi, xã Thạnh Tây",
}

stories = st.lists(
    st.tuples(
        st.integers(0, 100),  # day of reception after 05/05/2025
        st.integers(0, 8),  # hour after 08:00
        st.booleans(),  # online (accepted by the desk) or at the desk
        st.sampled_from(FATES),
        st.integers(1, 60),  # days from reception to the end of its story
        st.sampled_from(PLACES),
    ),
    min_size=1,
    max_size=10,
)


def people_of(place, staff, d_staff):
    if place == "a":
        return staff
    if place == "b":
        return {k[6:]: v for k, v in staff.items() if k.startswith("other_")}
    return d_staff


def story(item, agencies, staff, d_staff, marriage):
    """The story's actions as (moment, action) in order; each action takes the dossier."""
    day, hour, online, fate, length, place = item
    received = MAY + timedelta(days=day, hours=hour)
    end = received + timedelta(days=length, hours=1)
    middle = received + (end - received) / 2
    people = people_of(place, staff, d_staff)
    applicant = Applicant(
        kind="individual",
        name="Trần Văn Bình",
        id_number="072095001234",
        phone="0912 345 678",
        address=ADDRESSES[place],
    )

    def reception(_):
        agency = agencies[place] if received < EFFECTIVE else agencies["after_" + place]
        agency.refresh_from_db()
        if not online:
            return lifecycle.receive(
                actor=people["receiver"],
                procedure=marriage,
                agency=agency,
                applicant=applicant,
                documents_received=[1, 2],
                at=received,
            )
        dossier = lifecycle.submit(
            applicant_user=None,
            procedure=marriage,
            agency=agency,
            applicant=applicant,
            documents_received=[1, 2],
            at=received - timedelta(hours=2),
        )
        return lifecycle.accept(dossier, actor=people["receiver"], at=received)

    def fresh(dossier):
        dossier.refresh_from_db()
        return dossier

    actions = [(received, reception)]
    asked = received + timedelta(minutes=30)
    if fate == "handling":
        actions.append((middle, lambda d: walk_to(fresh(d), people, "in_progress", middle)))
    elif fate in ("waiting", "supplemented"):
        actions.append((asked, lambda d: walk_to(fresh(d), people, "in_progress", asked)))
        actions.append(
            (
                asked,
                lambda d: lifecycle.request_supplement(
                    fresh(d),
                    actor=people["handler"],
                    items=["Giấy tờ"],
                    at=asked + timedelta(minutes=1),
                ),
            )
        )
        if fate == "supplemented":
            actions.append(
                (
                    end,
                    lambda d: lifecycle.receive_supplement(
                        fresh(d), actor=people["receiver"], at=end
                    ),
                )
            )
            later = end + timedelta(days=2)
            actions.append((later, lambda d: walk_to(fresh(d), people, "returned", later)))
    elif fate == "returned":
        actions.append((end, lambda d: walk_to(fresh(d), people, "returned", end)))
    elif fate == "refused":
        actions.append((middle, lambda d: walk_to(fresh(d), people, "in_progress", middle)))
        actions.append(
            (
                end,
                lambda d: lifecycle.refuse(
                    fresh(d), actor=people["handler"], reason="Không đủ điều kiện", at=end
                ),
            )
        )
    elif fate == "withdrawn":
        actions.append(
            (
                end,
                lambda d: lifecycle.withdraw(
                    fresh(d), actor=people["receiver"], reason="Xin rút", at=end
                ),
            )
        )
    return actions


def run(stories_actions, dossiers: list, before: bool) -> None:
    """Carry out each story's actions before (or from) the re-organisation day."""
    for n, actions in enumerate(stories_actions):
        for moment, action in actions:
            if (moment < EFFECTIVE) == before:
                dossiers[n] = action(dossiers[n])


def figures(agencies, periods):
    return [
        [line.values() for line in (*report.lines, report.total)]
        for agency in agencies
        for report in (periodic_report(agency, p, NOW) for p in periods)
    ]


@pytest.mark.django_db
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=stories)
def test_biểu_06_adds_up_across_the_reorganisation(items, tree, staff, reorganisation, marriage):
    d, d_staff = reorganisation.commune_d, reorganisation.staff
    with transaction.atomic():
        agencies = {"a": tree["commune_a"], "b": tree["commune_b"], "d_east": d, "d_west": d}
        actions = [story(item, agencies, staff, d_staff, marriage) for item in items]
        dossiers = [None] * len(actions)
        run(actions, dossiers, before=True)
        earlier = [period("month", 2025, n) for n in range(1, 7)] + [period("half", 2025, 1)]
        kept = figures([tree["district"], tree["commune_a"], tree["commune_b"], d], earlier)

        after = reorganisation.apply(EFFECTIVE)
        agencies.update(
            after_a=after["m"],
            after_b=after["m"],
            after_d_east=after["s1"],
            after_d_west=after["s2"],
        )
        assert figures([tree["district"], tree["commune_a"], tree["commune_b"], d], earlier) == kept
        run(actions, dossiers, before=False)

        ended = [Agency.objects.get(pk=a.pk) for a in (tree["commune_a"], tree["commune_b"], d)]
        for start_day in (1, 15):
            months = [period("month", 2025, n, start_day=start_day) for n in range(1, 13)]
            for agency in (tree["district"], *ended, *after.values()):
                reports = [periodic_report(agency, month, NOW) for month in months]
                for report in reports:
                    check(report)
                for previous, report in pairwise(reports):
                    moved = report.total.moved_in - report.total.moved_out
                    assert previous.total.in_progress + moved == report.total.carried
                    if agency == tree["district"]:
                        assert report.total.moved_in == report.total.moved_out
                        assert previous.total.in_progress == report.total.carried
            year = periodic_report(tree["district"], period("year", 2025, start_day=start_day), NOW)
            check(year)
        kept_rollups = snapshot()
        rebuild()
        assert snapshot() == kept_rollups
        transaction.set_rollback(True)
