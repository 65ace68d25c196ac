"""Report pages: who sees what (a commune's reporter sees only its commune), every page
renders, bad input gets a clear message."""

import pytest
from django.test import Client
from support import vn

from motcua.org.models import Role


@pytest.fixture
def reporters(tree, make_user):
    return {
        "commune": make_user("baocao.a", (Role.REPORTER, tree["commune_a"])),
        "district": make_user("baocao.huyen", (Role.REPORTER, tree["district"])),
        "leader": make_user("pct.huyen", (Role.APPROVER, tree["district"])),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PAGES = (
    "/reports/",
    "/reports/bieu-06/",
    "/reports/dashboard/",
    "/reports/index/",
    "/reports/summary/",
)


def test_anonymous_users_are_sent_to_log_in(db):
    for page in PAGES:
        response = Client().get(page)
        assert response.status_code == 302 and "login" in response["Location"]


def test_staff_without_a_reporting_role_are_told_so(tree, staff):
    response = client_for(staff["handler"]).get("/reports/bieu-06/")
    assert response.status_code == 403
    assert "Không có quyền xem báo cáo" in response.content.decode()


def test_a_commune_reporter_sees_only_its_commune(tree, reporters, history):
    client = client_for(reporters["commune"])
    own = client.get("/reports/bieu-06/", {"kind": "month", "year": 2025, "number": 3})
    assert own.status_code == 200
    assert own.context["agency"] == tree["commune_a"]
    assert [a for a, _ in own.context["agencies"]] == [tree["commune_a"]]
    for page in PAGES:
        for other in ("commune_b", "district", "province"):
            response = client.get(page, {"agency": tree[other].code})
            assert response.status_code == 404, (page, other)


def test_a_district_leader_sees_the_district_and_its_communes(tree, reporters, history):
    client = client_for(reporters["leader"])
    for code in (tree["district"].code, tree["commune_b"].code):
        response = client.get(
            "/reports/bieu-06/", {"agency": code, "kind": "quarter", "year": 2025}
        )
        assert response.status_code == 200
    assert client.get("/reports/", {"agency": tree["province"].code}).status_code == 404


def test_every_page_renders_with_figures(tree, reporters, history):
    client = client_for(reporters["district"])
    biểu = client.get(
        "/reports/bieu-06/", {"kind": "month", "year": 2025, "number": 3, "detail": "1"}
    )
    text = biểu.content.decode()
    assert "BIỂU" not in text and "Biểu số 06/VPCP/KSTT" in text
    assert "Đăng ký kết hôn" in text and "<svg" in text
    assert biểu.context["report"].total.received_total == 7
    board = client.get("/reports/dashboard/", {"kind": "quarter", "year": 2025, "number": 1})
    assert board.status_code == 200 and board.content.decode().count("<svg") >= 2
    index = client.get("/reports/index/", {"month": "03/2025"})
    assert index.status_code == 200 and "2.1" in index.content.decode()
    summary = client.get("/reports/summary/", {"year": 2025})
    assert "tiếp nhận và giải quyết" in summary.content.decode()


def test_a_period_that_does_not_exist_is_refused_with_a_message(tree, reporters):
    client = client_for(reporters["district"])
    response = client.get("/reports/bieu-06/", {"kind": "quarter", "year": 2025, "number": 5})
    assert response.status_code == 400
    assert "Kỳ số 5 không có trong năm" in response.content.decode()
    response = client.get("/reports/bieu-06/", {"kind": "custom", "from": "31/02/2025", "to": "x"})
    assert "dd/mm/yyyy" in response.content.decode()
    assert client.get("/reports/index/", {"month": "13/2025"}).status_code == 400


def test_the_dashboard_shows_the_live_workload_and_what_falls_due(
    tree, staff, receive, reporters, settings
):
    receive(at=vn(2025, 3, 3, 9))
    response = client_for(reporters["commune"]).get(
        "/reports/dashboard/", {"kind": "month", "year": 2025, "number": 3}
    )
    board = response.context["board"]
    assert sum(load.open for load in board.workload) == 1
