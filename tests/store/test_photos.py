"""Phone photos of a document become one PDF: upright, compressed, one page a photo."""

import subprocess

import pytest
from pillow_heif import from_pillow
from store.images import encoded, page, sideways_jpeg

from motcua.store.photos import LONGEST_SIDE, NotAPhoto, photos_to_pdf


def _pdfinfo(content: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)


def _page_size(info: dict[str, str]) -> tuple[float, float]:
    words = info["Page size"].split()
    return float(words[0]), float(words[2])


def test_a_photo_taken_upright_is_turned_as_its_exif_says(tmp_path):
    photo = sideways_jpeg()
    info = _pdfinfo(photos_to_pdf([photo]), tmp_path)
    width, height = _page_size(info)
    # The page of text is wider than tall; the pixels were stored turned, the PDF is not.
    assert width > height
    assert info["Pages"].strip() == "1"


def test_several_photos_make_one_pdf_with_a_page_each(tmp_path):
    photos = [encoded(page(["Trang 1"]), "JPEG"), encoded(page(["Trang 2"]), "PNG")]
    assert _pdfinfo(photos_to_pdf(photos), tmp_path)["Pages"].strip() == "2"


def test_an_iphone_heic_photo_is_accepted(tmp_path):
    heic = from_pillow(page())
    buffer = tmp_path / "anh.heic"
    heic.save(buffer, quality=80)
    assert _pdfinfo(photos_to_pdf([buffer.read_bytes()]), tmp_path)["Pages"].strip() == "1"


def test_a_large_photo_is_reduced_and_what_follows_the_image_is_dropped(tmp_path):
    big = page().resize((4960, 1300))
    appended = encoded(big, "JPEG", quality=95) + b"<script>alert(1)</script>"
    pdf = photos_to_pdf([appended])
    assert b"<script>" not in pdf
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listed = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2]
    assert int(listed.split()[3]) == LONGEST_SIDE  # width of the embedded image


def test_bytes_that_are_no_image_are_refused():
    with pytest.raises(NotAPhoto):
        photos_to_pdf([b"MZ\x90\x00 not a picture"])
