"""Pages and API lists run a number of queries that does not grow with rows.

Each test first builds enough rows (30 dossiers in several states, several roles, a few
dozen procedures and articles) that a query per row would break the bound.
"""

import pytest
from django.test import Client
from support import MONDAY, walk_to

from motcua.org.models import Role, RoleAssignment

ROWS = 30


@pytest.fixture
def many(receive, staff, tree, make_procedure, make_user):
    """30 dossiers at commune A (a third in progress, a third approved), 30 procedures."""
    for i in range(ROWS):
        make_procedure(f"9.{i:06d}", f"Thủ tục thử nghiệm số {i}", field=("TN", "Thử nghiệm"))
    dossiers = []
    for i in range(ROWS):
        dossier = receive()
        if i % 3 == 1:
            dossier = walk_to(dossier, staff, "in_progress", MONDAY)
        elif i % 3 == 2:
            dossier = walk_to(dossier, staff, "approved", MONDAY)
        dossiers.append(dossier)
    # One officer holding several roles at two levels.
    chief = make_user(
        "chief",
        (Role.RECEIVER, tree["commune_a"]),
        (Role.HANDLER, tree["commune_a"]),
        (Role.APPROVER, tree["district"]),
        (Role.RETURNER, tree["commune_a"]),
    )
    return {"dossiers": dossiers, "chief": chief}


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    ["/", "/procedures/", "/procedures/?q=thu+tuc", "/procedures/9.000007/", "/track/"],
)
def test_portal_pages_run_at_most_ten_queries(many, url, django_assert_max_num_queries):
    client = _client()
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_tracking_a_dossier_runs_at_most_ten_queries(many, django_assert_max_num_queries):
    client = _client()
    dossier = many["dossiers"][4]
    with django_assert_max_num_queries(10):
        found = client.post("/track/", {"code": dossier.code, "secret": "0912345678"})
    assert found.status_code == 302
    with django_assert_max_num_queries(10):
        response = client.get(found.url)
    assert response.status_code == 200
    assert dossier.code in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/procedures",
        "/api/v1/procedures?field=TN&page=2",
        "/api/v1/fields",
        "/api/v1/agencies",
        "/api/v1/procedures/9.000003",
    ],
)
def test_api_lists_run_at_most_ten_queries(many, url, django_assert_max_num_queries):
    client = _client()
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("queue", ["", "?queue=handle", "?queue=receive", "?queue=approve"])
def test_office_dashboard_runs_at_most_fifteen_queries(many, queue, django_assert_max_num_queries):
    client = _client(many["chief"])
    with django_assert_max_num_queries(15):
        response = client.get("/office/" + queue)
    assert response.status_code == 200
    assert "Thủ tục" in response.content.decode() or "Đăng ký" in response.content.decode()


def test_the_revision_tokens_and_roles_are_read_once_a_request(many):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(many["chief"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/office/?queue=handle")
    assert response.status_code == 200
    first = [q["sql"] for q in captured.captured_queries]
    assert sum("revisions_revision" in s for s in first) == 1
    assert sum("org_roleassignment" in s and '"path"' in s for s in first) <= 1
    with CaptureQueriesContext(connection) as captured:
        client.get("/office/?queue=handle")
    sqls = [q["sql"] for q in captured.captured_queries]
    assert sum("revisions_revision" in s for s in sqls) == 1
    # The role paths (role, agency path) are kept in the process since the last request
    # read them (decision 0124); other checks may ask other things.
    assert sum("org_roleassignment" in s and '"path"' in s for s in sqls) == 0


def test_dossier_workspace_runs_at_most_twenty_queries(many, django_assert_max_num_queries):
    """The goal of issue 16: the session, the user, the second-factor device, the role paths,
    the dossier, its access record, events, files, documents, pauses, the citizen's store
    and the assignee choices fit in 20 (see docs/scaling.md)."""
    client = _client(many["chief"])
    for dossier in many["dossiers"][:3]:
        with django_assert_max_num_queries(20):
            response = client.get(f"/office/dossiers/{dossier.code}/")
        assert response.status_code == 200


def test_a_role_granted_inside_a_request_is_seen_in_that_request(tree, make_user):
    """The memo of role paths is dropped when an assignment changes."""
    from motcua.org.access import may
    from motcua.request_memo import _finish, _start

    user = make_user("late")
    _start()
    try:
        assert not may(user, Role.HANDLER, tree["commune_a"])
        RoleAssignment.objects.create(user=user, agency=tree["commune_a"], role=Role.HANDLER)
        assert may(user, Role.HANDLER, tree["commune_a"])
    finally:
        _finish()
