"""Dossiers moved by a re-organisation (docs/decisions/0120): the former agency's figures
end them on the day of the move (moved out), the successor's start them that day (moved
in) with their waiting and overdue state, every later event counts at the successor, the
reports of earlier periods keep their figures, and a rebuild gives the same rows."""

from datetime import date, timedelta

from django.db.models import Sum
from hypothesis import given
from hypothesis import strategies as st
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.reports.facts import advance, contributions, shares, start
from motcua.reports.figures import flows, stocks
from motcua.reports.models import StepRollup
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period
from motcua.reports.rebuild import rebuild, snapshot
from motcua.reports.tables import periodic_table

EFFECTIVE = vn(2025, 7, 1, 0)
DAY = EFFECTIVE.date()
NOW = vn(2026, 1, 5, 9)


def figures(agencies, periods):
    return [
        [line.values() for line in (*report.lines, report.total)]
        for agency in agencies
        for report in (periodic_report(agency, p, NOW) for p in periods)
    ]


def test_moved_dossiers_leave_the_former_agency_and_continue_at_the_successor(
    tree, staff, receive, reorganisation
):
    a, b, d = tree["commune_a"], tree["commune_b"], reorganisation.commune_d
    # Closed in 2024 at B: stays there.
    walk_to(receive(at=vn(2024, 11, 4, 9), agency=b), _b(staff), "returned", vn(2024, 11, 5, 9))
    # Open at A since 2024, overdue at the end of 2024.
    receive(at=vn(2024, 12, 16, 9))
    # At A: handled from 24/06, overdue since 26/06 (due 26/06 09:00).
    late = walk_to(receive(at=vn(2025, 6, 23, 9)), staff, "in_progress", vn(2025, 6, 24, 9))
    # At D, living in ấp Phước Lợi (S2), waiting for a supplement since 24/06.
    waiting = lifecycle.receive(
        actor=reorganisation.staff["receiver"],
        procedure=late.procedure,
        agency=d,
        applicant=_applicant("Ấp Phước Lợi, xã Thạnh Tây"),
        documents_received=[1, 2],
        at=vn(2025, 6, 24, 8),
    )
    waiting = walk_to(waiting, reorganisation.staff, "in_progress", vn(2025, 6, 24, 9))
    waiting = lifecycle.request_supplement(
        waiting, actor=reorganisation.staff["handler"], items=["Ảnh"], at=vn(2025, 6, 24, 10)
    )
    earlier = [period("year", 2024), period("half", 2025, 1), period("month", 2025, 6)]
    kept = figures([tree["district"], a, b, d], earlier)

    after = reorganisation.apply(EFFECTIVE)
    m, s2 = after["m"], after["s2"]

    assert figures([tree["district"], a, b, d], earlier) == kept
    moves = ("moved_in", "moved_out")
    assert flows([a.pk], DAY, DAY, measures=moves)[()] == {"moved_in": 0, "moved_out": 2}
    assert flows([m.pk], DAY, DAY, measures=moves)[()] == {"moved_in": 2, "moved_out": 0}
    assert flows([d.pk], DAY, DAY, measures=moves)[()] == {"moved_in": 0, "moved_out": 1}
    assert flows([s2.pk], DAY, DAY, measures=moves)[()] == {"moved_in": 1, "moved_out": 0}
    assert flows([after["s1"].pk], DAY, DAY, measures=moves)[()] == {"moved_in": 0, "moved_out": 0}
    # The day before, the former agencies held them; from the day on, the successors.
    assert stocks([a.pk], date(2025, 6, 30))[()].overdue == 2
    for agency, (open_, waiting_, overdue) in {
        a: (0, 0, 0),
        d: (0, 0, 0),
        m: (2, 0, 2),
        s2: (1, 1, 0),
    }.items():
        stock = stocks([agency.pk], DAY)[()]
        assert (stock.open, stock.waiting, stock.overdue) == (open_, waiting_, overdue), agency

    late.refresh_from_db()
    walk_to(late, staff, "returned", vn(2025, 7, 3, 9))
    waiting.refresh_from_db()
    lifecycle.receive_supplement(
        waiting, actor=reorganisation.staff["receiver"], at=vn(2025, 7, 2, 9)
    )

    july = period("month", 2025, 7)
    at_m, at_a = periodic_report(m, july, NOW), periodic_report(a, july, NOW)
    assert (at_m.total.carried, at_m.total.late, at_m.total.in_progress) == (2, 1, 1)
    assert (at_m.total.moved_in, at_m.total.moved_out) == (2, 0)
    assert (at_a.total.carried, at_a.total.resolved, at_a.total.moved_out) == (0, 0, 2)
    assert "cộng 2 hồ sơ chuyển đến, trừ 0 hồ sơ chuyển đi" in " ".join(periodic_table(at_m).notes)
    june = periodic_report(a, period("month", 2025, 6), NOW)
    assert june.total.in_progress == 2  # A's last report: what it handed over
    district = periodic_report(tree["district"], july, NOW)
    assert (
        district.total.carried
        == periodic_report(tree["district"], period("month", 2025, 6), NOW).total.in_progress
    )
    # Steps handed over before the move count at A (June), after it at M (July).
    steps = {
        (row["agency_id"], row["month"]): row["done"]
        for row in StepRollup.objects.values("agency_id", "month").annotate(done=Sum("done"))
    }
    # A: the hand-over of 24/06 (reception desk); M: forward, approve, ready, return.
    assert (steps[a.pk, date(2025, 6, 1)], steps[m.pk, date(2025, 7, 1)]) == (1, 4)

    kept_rollups = snapshot()
    rebuild()
    assert snapshot() == kept_rollups


def _b(staff):
    return {k[6:]: v for k, v in staff.items() if k.startswith("other_")}


def _applicant(address):
    return Applicant(
        kind="individual",
        name="Lê Thị Hoa",
        id_number="072195004321",
        phone="0913 222 333",
        address=address,
    )


def _stock(counts, day):
    def up_to(*measures):
        return sum(n for (when, m), n in counts.items() if m in measures and when <= day)

    finished = up_to("early", "on_time", "late", "refused", "withdrawn")
    return (
        up_to("received", "moved_in") - finished - up_to("moved_out"),
        up_to("waiting_in") - up_to("waiting_out"),
        up_to("overdue_in") - up_to("overdue_out"),
    )


@given(
    received=st.integers(0, 20),
    due=st.integers(0, 40),
    pauses=st.lists(st.integers(0, 5), max_size=4),
    moves=st.lists(st.integers(0, 12), max_size=3),
    length=st.one_of(st.none(), st.integers(0, 30)),
    agencies=st.lists(st.integers(1, 3), min_size=4, max_size=4),
)
def test_the_shares_of_the_agencies_add_up_to_the_whole_story(
    received, due, pauses, moves, length, agencies
):
    """Whatever the spans and the days of the moves (the same day included), at the end of
    every day the agencies' stocks add up to the dossier's, and only the holder has it."""
    first = date(2025, 6, 1) + timedelta(days=received)
    facts = start(first, due=first + timedelta(days=due))
    day = first
    for n, gap in enumerate(pauses):  # alternate supplement requests and returns
        day += timedelta(days=gap)
        kind = "request_supplement" if n % 2 == 0 else "receive_supplement"
        facts = advance(facts, kind, day, due=facts.due)
    move_day = first
    for n, gap in enumerate(moves):
        move_day += timedelta(days=gap)
        former = facts.moves[-1][2] if facts.moves else agencies[0]
        facts = advance(
            facts, "transfer", move_day, due=facts.due, handling=(former, agencies[n + 1])
        )
    if length is not None:
        end = max(day, move_day) + timedelta(days=length)
        facts = advance(facts, "return_result", end, due=facts.due, outcome="on_time")
    whole = contributions(facts)
    shared = shares(facts, agencies[0])
    # Received once, resolved once: the moves add no reception nor end.
    for measure in ("received", "on_time"):
        total = sum(n for c in shared.values() for (_, m), n in c.items() if m == measure)
        assert total == sum(n for (_, m), n in whole.items() if m == measure)
    for offset in range(-1, 90):
        moment = first + timedelta(days=offset)
        stocks_at = [_stock(counts, moment) for counts in shared.values()]
        assert tuple(map(sum, zip(*stocks_at, strict=True))) == _stock(whole, moment)
        assert all(s[0] in (0, 1) for s in stocks_at)
