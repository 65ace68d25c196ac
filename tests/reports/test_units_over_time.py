"""Reports use the tree in force during their period, and can regroup past figures under
today's units (docs/decisions/0120): communes A and B merge into M and commune D splits into
S1 and S2 on 01/07/2025; M and S1 merge into T on 01/01/2026."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from support import vn, walk_to

from motcua.org import reorganise
from motcua.org.models import Agency, Role
from motcua.org.plans import normalised
from motcua.reports.dashboard import dashboard
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period

NOW = vn(2026, 1, 5, 9)
T = "000.41.21.H56"


@pytest.fixture
def history_over_time(tree, staff, receive, reorganisation):
    """Dossiers resolved in 2024 at A (2), B (1) and D (1); on 03/07/2025 one at M, then
    both re-organisations."""
    d = reorganisation.commune_d
    people_b = {k[6:]: v for k, v in staff.items() if k.startswith("other_")}
    for day in (4, 5):
        walk_to(receive(at=vn(2024, 3, day, 9)), staff, "returned", vn(2024, 3, day, 15))
    walk_to(
        receive(at=vn(2024, 4, 1, 9), agency=tree["commune_b"]),
        people_b,
        "returned",
        vn(2024, 4, 2, 9),
    )
    at_d = receive(at=vn(2024, 5, 6, 9), agency=d, actor=reorganisation.staff["receiver"])
    walk_to(at_d, reorganisation.staff, "returned", vn(2024, 5, 7, 9))
    after = reorganisation.apply(vn(2025, 7, 1, 0))
    walk_to(receive(at=vn(2025, 7, 3, 9), agency=after["m"]), staff, "returned", vn(2025, 7, 3, 15))
    second = normalised(
        {
            "name": "Sáp nhập xã (thử)",
            "effective": "2026-01-01",
            "agencies": [
                {
                    "code": T,
                    "name": "UBND xã Tân Thành",
                    "kind": "commune",
                    "parent": tree["district"].code,
                }
            ],
            "merge": [{"from": [after["m"].code, after["s1"].code], "into": T, "roles": "move"}],
        }
    )
    reorganise.apply(reorganise.record(second), at=vn(2026, 1, 1, 0))
    return {**after, "t": Agency.objects.get(code=T), "d": d}


def totals(agency, year, by_today):
    total = periodic_report(agency, period("year", year), NOW, by_today=by_today).total
    return total.received, total.resolved


def test_past_figures_count_under_todays_units(tree, history_over_time):
    units = history_over_time
    # As it was: 2024 belongs to A, B and D; T did not exist.
    assert totals(tree["commune_a"], 2024, False) == (2, 2)
    assert totals(units["t"], 2024, False) == (0, 0)
    # By today's units: A → M → T and B → M → T; D split into S1 and S2: it counts whole
    # under S1 (the first by code), and S1 → T.
    assert totals(units["t"], 2024, True) == (4, 4)
    assert totals(units["s2"], 2024, True) == (0, 0)
    assert totals(units["t"], 2025, True) == (1, 1)
    assert totals(tree["district"], 2024, True) == totals(tree["district"], 2024, False)
    report = periodic_report(units["t"], period("year", 2024), NOW, by_today=True)
    assert [a.name for a in report.regrouped] == [
        "UBND xã Tân Lập",
        "UBND xã Thạnh Bắc",
        "UBND xã Thạnh Tây",
        "UBND xã Tân Lập",
        "UBND xã Hòa Hiệp",
    ]


def test_the_command_offers_todays_units(tree, history_over_time):
    def total_row(*extra):
        out, err = StringIO(), StringIO()
        call_command(
            "reports", "periodic", "--agency", T, "--year", "2024", *extra, stdout=out, stderr=err
        )
        row = next(line for line in out.getvalue().splitlines() if "Tổng cộng" in line)
        return row.split(",")[2:6], err.getvalue()

    assert total_row() == (["0", "0", "0", "0"], "")
    row, said = total_row("--by-today")
    assert row == ["4", "0", "4", "0"]  # received: total, online, at the desk, carried over
    assert "tính trọn vào đơn vị kế thừa có mã định danh nhỏ nhất" in said
    assert "UBND xã Thạnh Tây (đến 30/06/2025)" in said


def test_rows_by_unit_follow_the_tree_of_the_period(tree, history_over_time):
    units = history_over_time
    in_2024 = {r.label for r in dashboard(tree["district"], period("year", 2024), NOW).by_agency}
    assert in_2024 == {"UBND xã Tân Lập", "UBND xã Thạnh Bắc", "UBND xã Thạnh Tây"}
    july = dashboard(tree["district"], period("month", 2025, 7), NOW)
    assert [(r.code, r.received) for r in july.by_agency] == [(units["m"].code, 1)]


def test_the_agency_chooser_offers_ended_agencies(tree, make_user, history_over_time):
    client = Client()
    client.force_login(make_user("baocao.huyen", (Role.REPORTER, tree["district"])))
    page = client.get(
        "/reports/bieu-06/", {"kind": "year", "year": 2024, "agency": tree["commune_a"].code}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "UBND xã Tân Lập (đến 30/06/2025)</option>" in text
    assert "UBND xã Tân Thành</option>" in text
    assert page.context["report"].total.received == 2
    today = client.get(
        "/reports/bieu-06/", {"kind": "year", "year": 2024, "agency": T, "units": "today"}
    )
    assert today.context["report"].total.received == 4
    assert "Theo đơn vị hiện nay" in today.content.decode()
