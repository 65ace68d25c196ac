"""Text of a scanned page or photo, read by Tesseract with its Vietnamese model.

Tesseract (Debian `tesseract-ocr` with `tesseract-ocr-vie`) runs as a command: one process
per page, the image on its standard input, the text on its standard output. A PDF that
already carries text gives that text (pdftotext); a scanned PDF is rendered page by page at
300 dpi (pdftoppm) and read like a photo.

>>> text_of(png_bytes)
'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ...'
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

LANGUAGE = "vie"
DPI = 300
# A page of text gives far more than this; less means the PDF holds images, not text.
_TEXT_LAYER_MIN_CHARS = 20


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is not installed on this machine."""


def available() -> bool:
    """Whether Tesseract with the Vietnamese model can run here."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    )
    return LANGUAGE in listed.stdout.split()


def read_image(content: bytes, *, language: str = LANGUAGE) -> str:
    """The text of one image (PNG, JPEG, TIFF …) read by Tesseract (in Vietnamese)."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-vie)")
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", language, "--dpi", str(DPI), "--psm", "3"],
        input=content,
        capture_output=True,
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        raise OcrUnavailable(done.stderr.decode(errors="replace").strip())
    return done.stdout.decode()


def read_pdf(content: bytes) -> str:
    """The text of a PDF: its own text layer, or Tesseract's reading of each page."""
    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(content)
        layer = subprocess.run(
            ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=False
        )
        text = layer.stdout.decode(errors="replace")
        if len(text.strip()) >= _TEXT_LAYER_MIN_CHARS:
            return text
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", str(source), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(Path(folder).glob("page*.png"))
        return "\f".join(read_image(page.read_bytes()) for page in pages)


def text_of(content: bytes) -> str:
    """The text of an image or a PDF, told apart by their first bytes."""
    if content.startswith(b"%PDF-"):
        return read_pdf(content)
    return read_image(content)
