"""Personal data: an access log the data protection officer reads, the applicant's export,
and erasure past the retention period that leaves the report counts as they were."""

import json
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from support import MONDAY, walk_to

from motcua.dossiers.models import Dossier, DossierFile
from motcua.org.models import Role
from motcua.reports.models import OpenDossier, Rollup, StepRollup
from motcua.security.models import AccessRecord
from motcua.security.privacy import erase_due, retention_years


def test_opening_a_dossier_or_a_file_is_recorded_and_the_officer_reads_it(
    client, receive, staff, tree, make_user, citizen
):
    dossier = receive()
    client.force_login(staff["handler"])
    assert client.get(f"/office/dossiers/{dossier.code}/").status_code == 200
    record = AccessRecord.objects.get()
    assert (record.username, record.what, record.dossier_code) == (
        staff["handler"].username,
        "dossier",
        dossier.code,
    )
    # Neither the handler nor a citizen reads the log; the officer of the commune does.
    assert client.get("/privacy/access-log/").status_code == 403
    officer = make_user("baove.dulieu", (Role.DATA_PROTECTION_OFFICER, tree["commune_a"]))
    client.force_login(officer)
    page = client.get("/privacy/access-log/", {"dossier": dossier.code}).content.decode()
    assert staff["handler"].username in page and "Mở hồ sơ" in page
    elsewhere = make_user("baove.khac", (Role.DATA_PROTECTION_OFFICER, tree["commune_b"]))
    client.force_login(elsewhere)
    assert staff["handler"].username not in client.get("/privacy/access-log/").content.decode()


def test_an_applicant_downloads_what_the_system_holds_on_them(client, submit, citizen):
    dossier = submit()
    client.force_login(citizen)
    response = client.get("/account/my-data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["username"] == citizen.username
    assert data["profile"]["id_number"] == citizen.citizen_profile.id_number
    assert [d["code"] for d in data["dossiers"]] == [dossier.code]
    assert data["dossiers"][0]["applicant"]["id_number"] == dossier.applicant_id_number
    assert client.get("/account/my-data.json").status_code == 200
    client.logout()
    assert client.get("/account/my-data.json").status_code == 302


def test_erasure_past_retention_keeps_every_report_count(receive, staff):
    dossier = walk_to(receive(at=MONDAY), staff, "returned", MONDAY)
    fresh = walk_to(receive(at=MONDAY), staff, "returned", MONDAY)
    rollups_before = [
        list(m.objects.order_by("pk").values()) for m in (Rollup, StepRollup, OpenDossier)
    ]
    years = retention_years()[dossier.outcome]
    Dossier.objects.filter(pk=dossier.pk).update(
        finished_at=timezone.now() - timedelta(days=365 * years + 2)
    )
    assert erase_due(timezone.now()) == 1
    dossier.refresh_from_db()
    assert dossier.applicant_name == "[đã xóa]"
    assert (dossier.applicant_id_number, dossier.applicant_phone, dossier.applicant_email) == (
        "",
        "",
        "",
    )
    assert not DossierFile.objects.filter(dossier=dossier).exists()
    assert dossier.events.last().kind == "erase_personal_data"
    fresh.refresh_from_db()
    assert fresh.applicant_name == "Trần Văn Bình"
    assert [
        list(m.objects.order_by("pk").values()) for m in (Rollup, StepRollup, OpenDossier)
    ] == rollups_before
    assert erase_due(timezone.now()) == 0
    call_command("audit", "verify")  # the erasure is an event: the trail still holds
