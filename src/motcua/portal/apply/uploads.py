"""Uploaded files: checked by content and size, stored at once (content-addressed)."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import store_blob
from motcua.dossiers.models import Blob
from motcua.security.uploads import clean
from motcua.store.services import as_one_pdf


def read_upload(upload, *, field: str) -> bytes:
    """An uploaded file's content, made harmless (security.uploads); InvalidInput (for
    `field`) if it is too big or does not open.

    At most one byte over the limit is read: enough for `store_blob` to refuse it.
    """
    content = upload.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1)
    if len(content) > settings.MOTCUA_UPLOAD_MAX_BYTES:
        return content
    return clean(content, field=field)


def store_pages(uploads, *, field: str) -> Blob:
    """Store one document from its uploads: a PDF made harmless, or photos (JPEG, PNG, HEIC,
    as a phone takes them) turned upright, compressed and made into one PDF, page by page."""
    pages = [upload.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1) for upload in uploads]
    if any(len(page) > settings.MOTCUA_UPLOAD_MAX_BYTES for page in pages):
        return store_blob(max(pages, key=len), field=field)  # refused with the size message
    try:
        return store_blob(as_one_pdf(pages), field=field)
    except InvalidInput as error:
        raise InvalidInput({field: next(iter(error.errors.values()))}) from None


def pages_name(uploads) -> str:
    """The name a document's file keeps: the upload's own, or the first photo's as .pdf."""
    name = clean_name(uploads[0].name)
    if len(uploads) == 1 and name.lower().endswith(".pdf"):
        return name
    return f"{PurePath(name).stem or 'anh-chup'}.pdf"


def reuse_entry(stored) -> dict:
    """A draft's entry for a document taken from the citizen's store."""
    return {"sha256": stored.blob_id, "name": f"{stored.title[:200]}.pdf", "stored": stored.pk}


def clean_name(name: str) -> str:
    """The file's own name, without any folder a browser may send or control character."""
    name = "".join(ch for ch in (name or "") if ch.isprintable())
    return PurePath(name.replace("\\", "/")).name.strip()[:255] or "tep"


def serve(blob: Blob, name: str) -> FileResponse:
    """Send a stored file as a download under its original name."""
    return FileResponse(
        default_storage.open(blob.path, "rb"),
        as_attachment=True,
        filename=name,
        content_type=blob.content_type,
    )
