"""Uploaded files made harmless before they are stored.

A PDF loses whatever can run or hide: JavaScript, automatic and launch actions, embedded
files and rich media (pikepdf rewrites it). A JPEG or PNG is decoded and encoded again, so
trailing data, metadata (a phone's GPS position included) and anything else that is not
the picture is gone. A file that does not open is refused.

>>> clean(pdf_with_javascript, "application/pdf") != pdf_with_javascript
True
"""

import io

import pikepdf
from PIL import Image, UnidentifiedImageError

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import sniff

# Keys that make a PDF act on its own, in the catalog, on pages and in annotations.
_ACTIVE_KEYS = ("/OpenAction", "/AA", "/JavaScript", "/Launch", "/RichMedia")
BROKEN_PDF = "Tệp PDF bị hỏng hoặc có mật khẩu, không mở được. Hãy lưu lại hoặc quét lại."
BROKEN_IMAGE = "Tệp ảnh bị hỏng, không mở được. Hãy chụp hoặc lưu lại."
# Pillow's guard against decompression bombs, in pixels (a 60-megapixel scan is plenty).
Image.MAX_IMAGE_PIXELS = 60_000_000


def clean(content: bytes, *, field: str = "file") -> bytes:
    """`content` made harmless (same type); unknown types pass through for `store_blob`
    to refuse."""
    content_type = sniff(content)
    if content_type == "application/pdf":
        return _clean_pdf(content, field)
    if content_type in ("image/jpeg", "image/png"):
        return _reencode(content, content_type, field)
    return content


def _strip(obj) -> bool:
    removed = False
    for key in _ACTIVE_KEYS:
        if key in obj:
            del obj[key]
            removed = True
    return removed


def _clean_pdf(content: bytes, field: str) -> bytes:
    try:
        pdf = pikepdf.open(io.BytesIO(content))
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
        raise InvalidInput({field: BROKEN_PDF}) from None
    with pdf:
        removed = _strip(pdf.Root)
        names = pdf.Root.get("/Names")
        if names is not None:
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
                    removed = True
        for page in pdf.pages:
            removed |= _strip(page.obj)
            for annotation in page.obj.get("/Annots", []):
                removed |= _strip(annotation)
                action = annotation.get("/A")
                if action is not None and action.get("/S") in ("/Launch", "/JavaScript"):
                    del annotation["/A"]
                    removed = True
                if annotation.get("/Subtype") == "/FileAttachment":
                    del annotation["/FS"]
                    removed = True
        if not removed:
            return content
        output = io.BytesIO()
        pdf.save(output)
        return output.getvalue()


def _reencode(content: bytes, content_type: str, field: str) -> bytes:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            output = io.BytesIO()
            if content_type == "image/jpeg":
                image.convert("RGB").save(output, "JPEG", quality=90)
            else:
                image.save(output, "PNG", optimize=False)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise InvalidInput({field: BROKEN_IMAGE}) from None
    return output.getvalue()
