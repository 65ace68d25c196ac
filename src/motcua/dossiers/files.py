"""Uploaded and generated files: checked by content, stored once by sha256.

>>> blob = store_blob(pdf_bytes)
>>> blob.content_type, blob.path
('application/pdf', 'files/3f/3f5a...')
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .errors import InvalidInput
from .models import Blob

# The real type comes from the first bytes, never from the name a browser sends.
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
ACCEPTED = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
STORAGE_FULL = (
    "Máy chủ tạm thời không lưu được tệp (hết chỗ lưu trữ). Những gì đã nhập vẫn được giữ; "
    "xin thử lại sau ít phút."
)


def sniff(content: bytes) -> str | None:
    """The content type told by the file's first bytes, or None when it is not accepted."""
    for signature, content_type in _SIGNATURES:
        if content.startswith(signature):
            return content_type
    return None


def store_blob(content: bytes, *, field: str = "file") -> Blob:
    """Check `content` (type and size) and store it once; return its Blob."""
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    if not content:
        raise InvalidInput({field: "Tệp rỗng."})
    if len(content) > limit:
        raise InvalidInput(
            {field: f"Tệp lớn hơn {limit // (1024 * 1024)} MB, hãy chọn tệp nhỏ hơn."}
        )
    content_type = sniff(content)
    if content_type is None:
        raise InvalidInput({field: "Chỉ nhận tệp PDF, JPEG hoặc PNG."})
    sha256 = hashlib.sha256(content).hexdigest()
    blob = Blob(sha256=sha256, size=len(content), content_type=content_type)
    # The file first, then its row: a full disk leaves no row naming a missing file.
    if not default_storage.exists(blob.path):
        try:
            default_storage.save(blob.path, ContentFile(content))
        except OSError:
            raise InvalidInput({field: STORAGE_FULL}) from None
    blob, _ = Blob.objects.get_or_create(
        sha256=sha256, defaults={"size": len(content), "content_type": content_type}
    )
    return blob


def read_blob(blob: Blob) -> bytes:
    with default_storage.open(blob.path, "rb") as file:
        return file.read()
