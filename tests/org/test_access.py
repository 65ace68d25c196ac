from datetime import timedelta

from django.utils import timezone

from motcua.org.access import acting_agencies, may, roles_at, visible_agencies
from motcua.org.models import Role


def test_a_role_reads_the_subtree_and_acts_only_where_it_is_held(tree, make_user):
    receiver = make_user("tiepnhan.huyen", (Role.RECEIVER, tree["district"]))
    assert may(receiver, Role.RECEIVER, tree["district"])
    assert not may(receiver, Role.RECEIVER, tree["commune_a"])
    assert not may(receiver, Role.RECEIVER, tree["province"])
    assert not may(receiver, Role.APPROVER, tree["district"])
    assert tree["commune_a"] in visible_agencies(receiver)
    assert set(acting_agencies(receiver)) == {tree["district"]}
    assert roles_at(receiver, tree["commune_a"]) == set()


def test_an_assignment_that_acts_on_subordinates_acts_in_the_subtree(tree, make_user):
    receiver = make_user("tiepnhan.huyen", (Role.RECEIVER, tree["district"]))
    receiver.role_assignments.update(acts_on_subordinates=True)
    assert may(receiver, Role.RECEIVER, tree["commune_a"])
    assert not may(receiver, Role.RECEIVER, tree["province"])
    assert set(acting_agencies(receiver, Role.RECEIVER)) == set(tree["district"].subtree())
    assert roles_at(receiver, tree["commune_a"]) == {Role.RECEIVER}


def test_commune_staff_see_nothing_of_another_commune(tree, make_user):
    handler = make_user(
        "hotich.tanlap", (Role.HANDLER, tree["commune_a"]), (Role.REPORTER, tree["commune_a"])
    )
    assert set(visible_agencies(handler)) == {tree["commune_a"]}
    for role in Role.values:
        assert not may(handler, role, tree["commune_b"])
    assert roles_at(handler, tree["commune_b"]) == set()
    assert roles_at(handler, tree["commune_a"]) == {Role.HANDLER, Role.REPORTER}


def test_visible_agencies_can_be_limited_to_roles(tree, make_user):
    user = make_user("multi", (Role.REPORTER, tree["district"]), (Role.HANDLER, tree["commune_a"]))
    assert set(visible_agencies(user, Role.HANDLER)) == {tree["commune_a"]}
    assert len(visible_agencies(user)) == 4


def test_inactive_users_and_ended_agencies_grant_nothing(tree, make_user):
    user = make_user("old", (Role.RECEIVER, tree["commune_a"]))
    commune = tree["commune_a"]
    commune.valid_to = timezone.localdate() - timedelta(days=1)
    commune.save()
    assert not may(user, Role.RECEIVER, commune)
    commune.valid_to = timezone.localdate()  # its last day: still in force
    commune.save()
    assert may(user, Role.RECEIVER, commune)
    user.is_active = False
    user.save()
    assert not may(user, Role.RECEIVER, commune)
    assert not visible_agencies(user).exists()


def test_superuser_may_do_everything(tree, make_user):
    root = make_user("root", is_superuser=True)
    assert may(root, Role.APPROVER, tree["commune_b"])
    assert visible_agencies(root).count() == 5


def test_anonymous_may_do_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not may(AnonymousUser(), Role.RECEIVER, tree["commune_a"])
    assert not visible_agencies(AnonymousUser()).exists()


def test_the_staff_pages_of_every_app_share_one_guard_from_org_access(tree, make_user, client):
    """Signing's pages use the guard of org.access, not the office's views."""
    import subprocess
    import sys

    from motcua.org.access import staff_only
    from motcua.signing import views as signing_views

    assert signing_views.staff_only is staff_only
    code = (
        "import django, sys; django.setup(); import motcua.signing.views; "
        "sys.exit('motcua.office.views' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "motcua.settings", "PATH": "/usr/bin:/bin"}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0

    client.force_login(make_user("no.role"))
    response = client.get("/office/signing/")
    assert response.status_code == 403
    assert "Chưa được phân quyền" in response.content.decode()
