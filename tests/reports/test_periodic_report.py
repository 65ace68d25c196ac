"""Biểu 06 on the hand-built history (the `history` fixture): every figure as worked out by hand."""

from datetime import date

from support import vn

from motcua.reports.figures import stocks, subtree_ids
from motcua.reports.periodic import COLUMNS, periodic_report
from motcua.reports.periods import custom, period

AFTER = vn(2025, 4, 15, 9)  # long after March: every stock comes from the rollups


def figures(line) -> dict:
    return {
        name: value for (name, _, _), value in zip(COLUMNS, line.values(), strict=True) if value
    }


def test_march_of_commune_a_field_by_field(tree, history):
    report = periodic_report(tree["commune_a"], period("month", 2025, 3), AFTER)
    civil, certify = report.lines  # fields sorted by name: Chứng thực, Hộ tịch
    certify, civil = (civil, certify) if civil.code == "CT" else (certify, civil)
    # HT: A2, A3 carried over; A5 (online), A6, A8 received; A2 on time, A3 late; A5 refused;
    # A6 withdrawn; A8 overdue at the end of March.
    assert figures(civil) == {
        "received_total": 5,
        "online": 1,
        "desk": 2,
        "carried": 2,
        "resolved": 2,
        "on_time": 1,
        "late": 1,
        "in_progress": 1,
        "overdue": 1,
        "stopped": 2,
        "refused": 1,
        "withdrawn": 1,
    }
    # CT: A4 carried over and resolved on time; A7 refused at reception, not received.
    assert figures(certify) == {
        "received_total": 1,
        "carried": 1,
        "resolved": 1,
        "on_time": 1,
        "rejected": 1,
    }
    assert figures(report.total) == {
        "received_total": 6,
        "online": 1,
        "desk": 2,
        "carried": 3,
        "resolved": 3,
        "on_time": 2,
        "late": 1,
        "in_progress": 1,
        "overdue": 1,
        "stopped": 2,
        "refused": 1,
        "withdrawn": 1,
        "rejected": 1,
    }
    assert [p.code for p in civil.children] == ["1.000894"]
    assert not report.live


def test_february_ends_with_three_dossiers_within_their_deadline(tree, history):
    report = periodic_report(tree["commune_a"], period("month", 2025, 2), AFTER)
    assert figures(report.total) == {
        "received_total": 4,
        "desk": 4,
        "resolved": 1,
        "early": 1,
        "in_progress": 3,
        "within": 3,
    }


def test_carried_over_is_what_was_in_progress_at_the_end_of_the_previous_period(tree, history):
    february = periodic_report(tree["commune_a"], period("month", 2025, 2), AFTER)
    march = periodic_report(tree["commune_a"], period("month", 2025, 3), AFTER)
    assert march.total.carried == february.total.in_progress == 3
    first_quarter = periodic_report(tree["commune_a"], period("quarter", 2025, 1), AFTER)
    assert first_quarter.total.carried == 0
    assert first_quarter.total.received_total == 7
    assert (first_quarter.total.early, first_quarter.total.on_time, first_quarter.total.late) == (
        1,
        2,
        1,
    )


def test_the_district_adds_its_communes(tree, history):
    report = periodic_report(tree["district"], period("month", 2025, 3), AFTER)
    # B1 came by post (desk or post column) and was resolved early.
    assert report.total.desk == 3 and report.total.early == 1
    assert report.total.received_total == 7


def test_every_row_of_every_period_keeps_the_identities(tree, history):
    periods = [
        period("month", 2025, 2),
        period("month", 2025, 3),
        period("quarter", 2025, 1),
        period("half", 2025, 1),
        period("year", 2025),
        custom(date(2025, 3, 4), date(2025, 3, 10)),
        custom(date(2025, 2, 27), date(2025, 2, 27)),
    ]
    for agency in ("commune_a", "commune_b", "district", "province"):
        for each in periods:
            report = periodic_report(tree[agency], each, AFTER)
            for line in [
                report.total,
                *report.lines,
                *(c for f in report.lines for c in f.children),
            ]:
                assert line.balanced, (agency, each, line)


def test_stocks_at_the_end_of_past_days(tree, history):
    ids = subtree_ids(tree["commune_a"])

    def at(day):
        stock = stocks(ids, day)[()]
        return stock.open, stock.within, stock.overdue, stock.waiting

    # 03/03: A3 (due 04/03), A5, A6 within; A4 waiting for its supplement, counted within.
    assert at(date(2025, 3, 3)) == (4, 4, 0, 1)
    # 04/03: A3 overdue since 09:00; A4 waiting; A5 within; A6 withdrawn.
    assert at(date(2025, 3, 4)) == (3, 2, 1, 1)
    # 10/03: only A4, back with its new deadline 11/03.
    assert at(date(2025, 3, 10)) == (1, 1, 0, 0)
    # 31/03: A8, due 28/03.
    assert at(date(2025, 3, 31)) == (1, 0, 1, 0)


def test_a_period_not_over_counts_in_progress_now(tree, staff, receive, marriage):
    late = receive(at=vn(2025, 3, 3, 9))
    receive(at=vn(2025, 3, 6, 9))
    now = vn(2025, 3, 7, 10)  # the first is overdue since 06/03 09:00, the second within
    report = periodic_report(tree["commune_a"], period("month", 2025, 3), now)
    assert report.live
    assert (report.total.in_progress, report.total.overdue, report.total.within) == (2, 1, 1)
    assert report.total.received_total == 2 and late.pk
