import itertools
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from support import MONDAY, walk_to

from motcua.dossiers.diagram import mermaid
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import DossierEvent


def test_every_event_carries_the_hash_of_the_one_before(receive, staff):
    dossier = walk_to(receive(), staff, "returned", MONDAY)
    events = list(dossier.events.order_by("sequence"))
    assert events[0].prev_hash == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    assert verify_chain(events) is None


def test_audit_verify_passes_on_untouched_histories(receive, staff, capsys):
    walk_to(receive(), staff, "returned", MONDAY)
    receive()
    call_command("audit", "verify")
    assert "Đã kiểm tra 2 hồ sơ: toàn vẹn." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (
            lambda e: DossierEvent.objects.filter(pk=e.pk).update(note="sửa lén"),
            "content does not match",
        ),
        (
            lambda e: DossierEvent.objects.filter(pk=e.pk).update(to_status="returned"),
            "content does not match",
        ),
        (lambda e: DossierEvent.objects.filter(pk=e.pk).delete(), "expected event #3"),
    ],
)
def test_a_tampered_event_is_caught_and_named(receive, staff, tamper, reason):
    dossier = walk_to(receive(), staff, "returned", MONDAY)
    tamper(dossier.events.get(sequence=3))
    with pytest.raises(
        CommandError, match=re.escape(f"Hồ sơ {dossier.code}: chuỗi bị phá vỡ tại sự kiện #")
    ) as error:
        call_command("audit", "verify", "--dossier", dossier.code)
    assert reason in str(error.value)
    assert "#3" in str(error.value) or "#4" in str(error.value)


def test_rehashing_a_tampered_event_still_breaks_the_next_link(receive, staff):
    from motcua.dossiers.events import seal

    dossier = walk_to(receive(), staff, "returned", MONDAY)
    event = dossier.events.get(sequence=2)
    event.note = "sửa và băm lại"
    seal(event)
    event.save()
    broken = verify_chain(dossier.events.order_by("sequence"))
    assert (broken.sequence, broken.reason) == (3, "previous hash does not match")


def test_unknown_dossier_code_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Không có hồ sơ mã X"):
        call_command("audit", "verify", "--dossier", "X")


def test_the_lifecycle_document_shows_the_code_s_transition_table():
    document = (Path(__file__).parents[2] / "docs" / "lifecycle.md").read_text()
    assert f"```mermaid\n{mermaid()}```" in document
