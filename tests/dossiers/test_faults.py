"""Faults: the database going away mid-request and a full disk on upload leave nothing
half-done and tell the user clearly. (The worker killed mid-send:
tests/notify/test_worker_killed.py.)"""

from unittest import mock

from django.core.files.storage import default_storage
from django.db import OperationalError
from support import MONDAY, blank_pdf, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import STORAGE_FULL, store_blob
from motcua.dossiers.models import Blob, Dossier, DossierEvent


def test_the_database_going_away_mid_action_changes_nothing_and_says_so(client, receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    before = Dossier.objects.values().get(pk=dossier.pk)
    events = dossier.events.count()
    client.force_login(staff["handler"])
    restart = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(DossierEvent, "save", side_effect=restart):
        response = client.post(
            f"/office/dossiers/{dossier.code}/forward/",
            {"forward-expected_version": dossier.version},
        )
    assert response.status_code == 503
    assert "Thao tác vừa rồi chưa được thực hiện" in response.content.decode()
    assert Dossier.objects.values().get(pk=dossier.pk) == before
    assert dossier.events.count() == events
    # Once the database is back, the same action goes through.
    response = client.post(
        f"/office/dossiers/{dossier.code}/forward/", {"forward-expected_version": dossier.version}
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version + 1


def test_a_full_disk_on_upload_leaves_no_row_and_a_clear_message(receive, staff):
    dossier = receive()
    full = OSError(28, "No space left on device")
    with mock.patch.object(default_storage, "save", side_effect=full):
        try:
            lifecycle.attach_file(
                dossier, actor=staff["receiver"], kind="document", content=blank_pdf(), name="a.pdf"
            )
        except InvalidInput as error:
            assert STORAGE_FULL in error.message
        else:
            raise AssertionError("a full disk must refuse the file")
    assert not Blob.objects.exists()
    assert not dossier.files.exists()
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version
    blob = store_blob(blob_content := blank_pdf())
    assert default_storage.open(blob.path).read() == blob_content
