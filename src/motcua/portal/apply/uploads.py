"""Uploaded files: checked by content and size, stored at once (content-addressed)."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse

from motcua.dossiers.files import store_blob
from motcua.dossiers.models import Blob


def store_upload(upload, *, field: str) -> Blob:
    """Store an uploaded file; InvalidInput (for `field`) if it is not an accepted file.

    At most one byte over the limit is read: enough for `store_blob` to refuse it.
    """
    content = upload.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1)
    return store_blob(content, field=field)


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
