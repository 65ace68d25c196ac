"""Photos of paper documents, as phones take them, made into one PDF per document.

A phone gives JPEG (or HEIC on iPhones, read through pillow-heif) of several megabytes,
often turned sideways in the pixels with the turn written in EXIF. Each photo is turned
upright, reduced so that its longer side is at most 2.339 pixels (A4 at 200 dpi, enough for
reading and OCR), re-encoded as JPEG (which also drops anything appended to the file) and
placed as one page; the pages of one document become one PDF.

>>> pdf = photos_to_pdf([front_jpeg, back_jpeg])
>>> pdf[:5]
b'%PDF-'
"""

import io

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

LONGEST_SIDE = 2339
JPEG_QUALITY = 80
PDF_RESOLUTION = 200.0


class NotAPhoto(ValueError):
    """The bytes are not an image that Pillow (with HEIC support) can read."""


def upright(content: bytes) -> Image.Image:
    """The photo turned as EXIF says, in RGB, no larger than LONGEST_SIDE."""
    try:
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise NotAPhoto(str(error)) from error
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    return image


def photos_to_pdf(photos: list[bytes]) -> bytes:
    """One PDF whose pages are the given photos, upright and compressed, in order."""
    if not photos:
        raise NotAPhoto("no photo")
    pages = [upright(photo) for photo in photos]
    out = io.BytesIO()
    pages[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PDF_RESOLUTION,
        quality=JPEG_QUALITY,
    )
    return out.getvalue()
