from django.conf import settings
from django.urls import reverse
from support import MONDAY

from motcua.dossiers import lifecycle


def test_every_page_asks_for_a_login(client, receive):
    dossier = receive()
    for url in [
        reverse("office:dashboard"),
        reverse("office:reception"),
        reverse("office:search"),
        reverse("office:dossier", args=[dossier.code]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(settings.LOGIN_URL)


def test_a_user_without_any_role_gets_a_clear_page(make_user, client_for):
    client = client_for(make_user("citizen"))
    for name in ("office:dashboard", "office:reception", "office:search"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "chưa được giao vai trò" in response.content.decode()


def test_another_communes_staff_get_404(receive, staff, client_for):
    dossier = receive()
    for role in ("receiver", "handler", "approver", "returner"):
        client = client_for(staff["other_" + role])
        assert client.get(reverse("office:dossier", args=[dossier.code])).status_code == 404
        forward = reverse("office:act", args=[dossier.code, "forward"])
        assert (
            client.post(forward, {"forward-expected_version": dossier.version}).status_code == 404
        )
    dossier.refresh_from_db()
    assert dossier.status == "received"


def test_the_district_sees_its_communes_dossiers(receive, tree, make_user, client_for):
    dossier = receive()
    leader = make_user("leader", ("approver", tree["district"]))
    assert client_for(leader).get(reverse("office:dossier", args=[dossier.code])).status_code == 200


def test_a_dossier_handled_by_a_department_is_visible_to_its_handler(
    tree, make_user, make_procedure, applicant, client_for
):
    procedure = make_procedure("1.013225", "Cấp giấy phép xây dựng", field=("XD", "Xây dựng"))
    procedure.agency_kinds.set([tree["kinds"]["district"]])
    desk = make_user("desk.district", ("receiver", tree["district"]))
    expert = make_user("expert", ("handler", tree["department"]))
    dossier = lifecycle.receive(
        actor=desk,
        procedure=procedure,
        agency=tree["district"],
        handling_agency=tree["department"],
        applicant=applicant,
        documents_received=[1],
        at=MONDAY,
    )
    assert client_for(expert).get(reverse("office:dossier", args=[dossier.code])).status_code == 200
