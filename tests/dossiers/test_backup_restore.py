"""`motcua backup DIR` then `motcua restore DIR` into an empty installation brings back
every row of every table and every file, byte for byte."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from support import MONDAY, blank_pdf, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.revisions.models import Revision
from motcua.revisions.tokens import KINDS
from motcua.security.backup import _models


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # the demo CA issues the system key here


def empty_installation() -> None:
    """What a fresh, migrated installation holds: no rows of ours."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def snapshot() -> tuple[dict, dict]:
    rows = {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in _models()
    }
    media = Path(settings.MEDIA_ROOT)
    files = {
        path.relative_to(media).as_posix(): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }
    return rows, files


def test_a_restored_backup_equals_the_original_row_for_row_and_file_for_file(
    receive, staff, tmp_path
):
    dossier = receive()
    lifecycle.attach_file(
        dossier, actor=staff["receiver"], kind="document", content=blank_pdf(), name="to-khai.pdf"
    )
    dossier = walk_to(Dossier.objects.get(pk=dossier.pk), staff, "returned", MONDAY)
    receive()
    call_command("audit", "anchor")
    from django.contrib.admin.models import ADDITION, LogEntry

    LogEntry.objects.create(user=staff["receiver"], action_flag=ADDITION, object_repr="x")
    rows, files = snapshot()
    assert rows["dossiers.dossier"] and rows["dossiers.dossierevent"] and files

    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(tmp_path / "backup"))

    empty_installation()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Dossier.objects.exists()
    tokens = dict(Revision.objects.values_list("name", "token"))
    call_command("restore", str(tmp_path / "backup"))
    # Every process reads the restored catalog, rules and calendar afresh.
    restored = dict(Revision.objects.values_list("name", "token"))
    assert set(restored) == set(KINDS) and not set(restored.items()) & set(tokens.items())

    assert snapshot() == (rows, files)
    call_command("audit", "verify", "--dossier", dossier.code)


def test_a_damaged_backup_is_refused_before_anything_changes(receive, tmp_path):
    receive()
    call_command("backup", str(tmp_path / "b"))
    database = tmp_path / "b" / "database.jsonl"
    database.write_text(database.read_text().replace("Trần Văn Bình", "Người Khác"))
    empty_installation()
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("restore", str(tmp_path / "b"))
