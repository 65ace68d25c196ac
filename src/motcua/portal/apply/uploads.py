"""Uploaded files: checked by content and size, stored at once (content-addressed)."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse

from motcua.dossiers.files import store_blob
from motcua.dossiers.models import Blob
from motcua.security.uploads import clean


def read_upload(upload, *, field: str) -> bytes:
    """An uploaded file's content, made harmless (security.uploads); InvalidInput (for
    `field`) if it is too big or does not open.

    At most one byte over the limit is read: enough for `store_blob` to refuse it.
    """
    content = upload.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1)
    if len(content) > settings.MOTCUA_UPLOAD_MAX_BYTES:
        return content
    return clean(content, field=field)


def store_upload(upload, *, field: str) -> Blob:
    """Store an uploaded file; InvalidInput (for `field`) if it is not an accepted file."""
    return store_blob(read_upload(upload, field=field), field=field)


def clean_name(name: str) -> str:
    """The file's own name, without any folder a browser may send."""
    return PurePath((name or "").replace("\\", "/")).name.strip()[:255] or "tep"


def serve(blob: Blob, name: str) -> FileResponse:
    """Send a stored file as a download under its original name."""
    return FileResponse(
        default_storage.open(blob.path, "rb"),
        as_attachment=True,
        filename=name,
        content_type=blob.content_type,
    )
