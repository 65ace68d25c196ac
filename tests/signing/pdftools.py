"""Reading signed PDFs as poppler does, and breaking them."""

import subprocess


def pdfsig(content: bytes, tmp_path) -> str:
    """poppler's report; it exits 0 even for a broken signature, so tests read the text."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, check=False, timeout=60
    ).stdout


def tamper(content: bytes) -> bytes:
    """Flip one bit inside the first stream of the original document (a signed byte)."""
    data = bytearray(content)
    data[data.index(b"stream\n") + 30] ^= 0x01
    return bytes(data)


def text_of(content: bytes, tmp_path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
