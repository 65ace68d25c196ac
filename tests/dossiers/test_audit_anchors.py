"""Tampering by someone with database access is named by `motcua audit verify`, which then
exits non-zero: deleted events and dossiers, rows changed without an event, and events
rewritten with recomputed hashes (caught by the signed daily anchors)."""

import json

import pytest
from django.core.management import CommandError, call_command
from support import MONDAY, walk_to

from motcua.dossiers.events import GENESIS, seal
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.security.models import AuditAnchor


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # the demo CA issues the system key here


def verify_fails_with(*texts: str, dossier: str | None = None) -> str:
    args = ["--dossier", dossier] if dossier else []
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify", *args)
    for text in texts:
        assert text in str(error.value)
    return str(error.value)


@pytest.fixture
def anchored(receive, staff):
    dossier = walk_to(receive(), staff, "returned", MONDAY)
    call_command("audit", "anchor")
    call_command("audit", "verify")
    return dossier


def test_an_anchor_is_signed_chained_and_published(anchored, client):
    assert anchored.events.count() > 3
    published = json.loads(client.get("/audit/anchors.json").content)["anchors"]
    assert len(published) == 1
    entry = published[0]
    assert entry["prev_digest"] == GENESIS
    assert entry["event_count"] == anchored.events.count()
    assert entry["certificate"].startswith("-----BEGIN CERTIFICATE-----")
    assert AuditAnchor.objects.get().signature == entry["signature"]


def test_deleting_the_last_event_is_caught(anchored):
    anchored.events.order_by("-sequence").first().delete()
    verify_fails_with(f"Hồ sơ {anchored.code}: phiên bản", "đã bị sửa, xóa hoặc băm lại")


def test_deleting_the_last_event_before_any_anchor_is_caught(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    dossier.events.order_by("-sequence").first().delete()
    verify_fails_with(f"Hồ sơ {dossier.code}: phiên bản")


def test_deleting_all_events_is_caught(anchored):
    anchored.events.all().delete()
    verify_fails_with(f"Hồ sơ {anchored.code}: phiên bản", "đã bị sửa, xóa hoặc băm lại")


def test_deleting_a_dossier_is_caught(anchored):
    DossierEvent.objects.filter(dossier=anchored).delete()
    Dossier.objects.filter(pk=anchored.pk).delete()
    verify_fails_with(f"Hồ sơ {anchored.code}: đã bị xóa", "đã bị sửa, xóa hoặc băm lại")


def test_changing_the_status_directly_is_caught(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    Dossier.objects.filter(pk=dossier.pk).update(status="returned")
    verify_fails_with("khác trạng thái của sự kiện cuối")


def test_changing_the_applicant_directly_is_caught(anchored):
    Dossier.objects.filter(pk=anchored.pk).update(applicant_name="Người Khác")
    verify_fails_with(f"Hồ sơ {anchored.code}: dữ liệu hồ sơ", dossier=anchored.code)


def test_rewriting_an_event_and_recomputing_every_hash_is_caught(anchored):
    events = list(anchored.events.order_by("sequence"))
    events[1].note = "viết lại"
    previous = events[0].hash
    for event in events[1:]:
        event.prev_hash = previous
        seal(event)
        event.save()
        previous = event.hash
    error = verify_fails_with("đã bị sửa, xóa hoặc băm lại")
    assert anchored.code not in error  # the chains alone hold: only the anchor sees it


def test_a_forged_or_removed_anchor_is_caught(anchored, receive):
    receive()
    call_command("audit", "anchor")
    first = AuditAnchor.objects.order_by("last_event_id").first()
    AuditAnchor.objects.filter(pk=first.pk).update(event_count=first.event_count + 1)
    verify_fails_with("chữ ký không hợp lệ")
    AuditAnchor.objects.filter(pk=first.pk).delete()
    verify_fails_with("không nối tiếp mốc trước")
