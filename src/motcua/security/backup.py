"""A consistent snapshot of the database and the files, and its restoration.

`backup(folder)` reads every row inside one repeatable-read transaction (PostgreSQL) or one
read transaction (SQLite), writes them as JSON lines (natural keys, exact times), then copies the stored
files (content-addressed, never changed once written, so a copy taken after the rows holds
every file they name). `manifest.json` lists each table's row count and each file's
sha256. `restore(folder)` empties the database, loads the rows, copies the files back and
checks every sha256.

>>> backup(Path("/srv/backup/2026-01-05"))["rows"]["dossiers.dossier"]
3061
"""

import hashlib
import json
import shutil
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from motcua.revisions.tokens import bump_all

# Rebuilt by `migrate` (content types, permissions) or of no use in another installation;
# revision tokens are new after a restore (every process reads the restored data afresh).
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "revisions.revision",
}


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds of a time; a backup keeps every microsecond
    (the events' hashes cover them)."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The backup or the restoration cannot go on; nothing was changed by a restoration."""


def _models():
    """Every table to keep; the ones other rows name by natural key (users, groups) first,
    so that they exist when those rows are loaded."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in LEFT_OUT and model._meta.managed
    ]
    return sorted(models, key=lambda model: not hasattr(model, "natural_key"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(folder: Path) -> dict:
    """Write the snapshot into `folder` (new or empty); returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"Thư mục {folder} không trống.")
    rows: dict[str, int] = {}
    # One snapshot for every table; inside a caller's transaction that one already is.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with (folder / "database.jsonl").open("w") as out:
            for model in _models():
                queryset = model._default_manager.order_by("pk")
                rows[model._meta.label_lower] = 0
                for obj in serializers.serialize(
                    "python", queryset.iterator(chunk_size=2000), use_natural_foreign_keys=True
                ):
                    out.write(json.dumps(obj, cls=_ExactEncoder, ensure_ascii=False) + "\n")
                    rows[model._meta.label_lower] += 1
    media = Path(settings.MEDIA_ROOT)
    files = {}
    if media.exists():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            relative = path.relative_to(media).as_posix()
            target = folder / "files" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            files[relative] = _sha256(target)
    manifest = {
        "rows": rows,
        "files": files,
        "database_sha256": _sha256(folder / "database.jsonl"),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _check(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError(f"Không đọc được {folder / 'manifest.json'}.") from None
    if _sha256(folder / "database.jsonl") != manifest["database_sha256"]:
        raise BackupError("Tệp database.jsonl không khớp bản kê: bản sao lưu bị hỏng.")
    for relative, sha256 in manifest["files"].items():
        path = folder / "files" / relative
        if not path.exists() or _sha256(path) != sha256:
            raise BackupError(f"Tệp {relative} thiếu hoặc bị hỏng trong bản sao lưu.")
    return manifest


def _load(path: Path) -> None:
    batch, deferred = [], []
    with path.open() as lines:
        for line in lines:
            batch.append(json.loads(line))
            if len(batch) == 2000:
                deferred += _save(batch)
                batch = []
    deferred += _save(batch)
    # A natural key naming a row loaded later (a user, from the admin's log) is set now.
    for item in deferred:
        item.save_deferred_fields()


def _save(objects: list[dict]) -> list:
    deferred = []
    for item in serializers.deserialize("python", objects, handle_forward_references=True):
        item.save()
        if item.deferred_fields:
            deferred.append(item)
    return deferred


def restore(folder: Path) -> dict:
    """Bring the snapshot in `folder` back into an empty, migrated installation."""
    manifest = _check(folder)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if user_model.objects.exists() or apps.get_model("dossiers", "Dossier").objects.exists():
        raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào bản cài đặt mới.")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Foreign keys checked at commit would keep TRUNCATE from running after writes
            # made earlier in the same transaction (a caller's, or the tests').
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Rows seeded by migrations (calendar, forms, templates) come back from the backup.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        with connection.constraint_checks_disabled():
            _load(folder / "database.jsonl")
        connection.check_constraints()
        bump_all()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for label, count in manifest["rows"].items():
            if apps.get_model(label)._default_manager.count() != count:
                raise BackupError(f"Bảng {label}: số dòng khôi phục không khớp bản kê.")
    media = Path(settings.MEDIA_ROOT)
    for relative in manifest["files"]:
        target = media / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "files" / relative, target)
    return manifest
