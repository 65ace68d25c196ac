"""The dashboard on the hand-built history: rates by month and unit, the most late
procedures and steps, the workload now, what falls due soon, charts as SVG."""

from xml.etree import ElementTree

from support import vn

from motcua.reports import charts
from motcua.reports.dashboard import dashboard
from motcua.reports.periods import period

AFTER = vn(2025, 4, 15, 9)


def test_rates_by_month_and_by_commune(tree, history):
    board = dashboard(tree["district"], period("quarter", 2025, 1), AFTER)
    january, february, march = board.months
    assert january.received == 0 and january.on_time_rate is None
    # February: A1-A4 received at the desk; A1 resolved early.
    assert (february.received, february.online, february.resolved, february.on_time_rate) == (
        4,
        0,
        1,
        1.0,
    )
    # March: A5 (online), A6, A8, B1 received; A2, A4 on time, A3 late, B1 early.
    assert (march.received, march.online, march.resolved, march.late) == (4, 1, 4, 1)
    assert march.on_time_rate == 0.75 and march.online_share == 0.25
    units = {r.label: r for r in board.by_agency}
    assert units[str(tree["commune_a"])].received == 7
    assert units[str(tree["commune_b"])].resolved == 1


def test_the_most_late_procedures_and_steps(tree, history):
    board = dashboard(tree["commune_a"], period("quarter", 2025, 1), AFTER)
    (late,) = board.late_procedures
    assert (late.code, late.late, late.resolved) == ("1.000894", 1, 3)
    # The desk's first step (1 working hour) of A1, A2 and A3 was handed over days after
    # reception; A8's exactly at its deadline, on time. A4's after its supplement: late too.
    first, second = board.late_steps
    assert (first.procedure, first.step, first.done, first.late) == (
        "Đăng ký kết hôn",
        "Bước 1",
        4,
        3,
    )
    assert (second.procedure, second.done, second.late) == ("Chứng thực bản sao", 1, 1)


def test_workload_and_due_soon_are_read_now(tree, staff, receive):
    first = receive(at=vn(2025, 3, 3, 9))
    receive(at=vn(2025, 3, 5, 9))
    now = vn(2025, 3, 6, 10)  # the first was due 06/03 09:00; the second is due 10/03 09:00
    board = dashboard(tree["commune_a"], period("month", 2025, 3), now)
    (load,) = board.workload
    assert (load.open, load.overdue, load.due_soon) == (2, 1, 1)
    assert load.label.startswith("Chưa giao")
    assert [d.code for d in board.due_soon] != [first.code] and len(board.due_soon) == 1


def test_charts_are_well_formed_svg():
    line = charts.line_chart(
        ["01/2025", "02/2025", "03/2025"],
        [("Đúng hạn", [None, 1.0, 0.75])],
        percent=True,
        title="Tỷ lệ",
    )
    bars = charts.bar_chart([("Hộ tịch", 0.5), ("Chứng thực", 1.0)], percent=True)
    for svg in (line, bars):
        root = ElementTree.fromstring(str(svg))
        assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "75,0%" in line and "100,0%" in bars
