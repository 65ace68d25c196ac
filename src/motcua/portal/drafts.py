"""Drafts have a quota per citizen and a life span: abandoned ones are deleted.

>>> over_quota(user, extra=5_000_000)
False
>>> purge(now)
(3, 5)
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Sum

from motcua.dossiers.models import Blob, DossierFile

from .models import ApplicationDraft


def draft_bytes(user, *, leaving_out: tuple[str, ...] = ()) -> int:
    """What the files of `user`'s drafts weigh, without the blobs `leaving_out`."""
    hashes = {
        item["sha256"]
        for files in ApplicationDraft.objects.filter(user=user).values_list("files", flat=True)
        for item in files.values()
    } - set(leaving_out)
    return Blob.objects.filter(sha256__in=hashes).aggregate(total=Sum("size"))["total"] or 0


def over_quota(user, *, extra: int, replacing: tuple[str, ...] = ()) -> bool:
    """True when `extra` more bytes would take `user` past MOTCUA_DRAFT_QUOTA_BYTES."""
    used = draft_bytes(user, leaving_out=replacing)
    return used + extra > settings.MOTCUA_DRAFT_QUOTA_BYTES


def purge(now: datetime) -> tuple[int, int]:
    """Delete drafts untouched for MOTCUA_DRAFT_DAYS, then the stored files that nothing
    uses any more and that are older than that; returns (drafts, files) deleted."""
    cutoff = now - timedelta(days=settings.MOTCUA_DRAFT_DAYS)
    drafts, _ = ApplicationDraft.objects.filter(updated_at__lt=cutoff).delete()
    in_drafts = {
        item["sha256"]
        for files in ApplicationDraft.objects.values_list("files", flat=True)
        for item in files.values()
    }
    orphans = (
        Blob.objects.filter(created_at__lt=cutoff)
        .exclude(sha256__in=DossierFile.objects.values("blob_id"))
        .exclude(sha256__in=in_drafts)
    )
    files = 0
    for blob in orphans.iterator():
        with transaction.atomic():
            # Re-checked under the row lock: a file taken into use meanwhile stays.
            locked = Blob.objects.select_for_update().filter(pk=blob.pk).first()
            if locked is None or DossierFile.objects.filter(blob_id=blob.pk).exists():
                continue
            locked.delete()
            default_storage.delete(blob.path)
            files += 1
    return drafts, files
