"""The released PDF read back with poppler against the layout of Decree 30/2020/NĐ-CP
(Art. 9 and Appendix I): A4, the margins, Times New Roman metrics, the heading blocks,
and two valid signatures (the signer's and the agency's)."""

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from motcua.eoffice import outgoing

MM = 72 / 25.4  # points per millimetre
A4 = (595.28, 841.89)


def poppler(tool: str, path, *args) -> str:
    return subprocess.run(
        [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else []),
        capture_output=True,
        text=True,
        check=tool != "pdfsig",
        timeout=60,
    ).stdout


@pytest.fixture
def released_pdf(office, make_approved, tmp_path):
    document = outgoing.release(make_approved(), office["clerk"])
    path = tmp_path / "van-ban.pdf"
    with document.file.open("rb") as file:
        path.write_bytes(file.read())
    return path


def words(path) -> list[tuple[str, float, float, float, float]]:
    """Each word with its box (xMin, yMin, xMax, yMax; origin top left, points)."""
    xml = poppler("pdftotext", path, "-bbox")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    return [
        (w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
        for w in root.iter("{http://www.w3.org/1999/xhtml}word")
    ]


def line_of(found, text: str):
    """The box around the consecutive words that spell `text`."""
    parts = text.split()
    for i in range(len(found) - len(parts) + 1):
        if [w[0] for w in found[i : i + len(parts)]] == parts:
            boxes = found[i : i + len(parts)]
            return (
                min(b[1] for b in boxes),
                min(b[2] for b in boxes),
                max(b[3] for b in boxes),
                max(b[4] for b in boxes),
            )
    raise AssertionError(f"{text!r} not found")


def test_page_is_a4_portrait(released_pdf):
    info = poppler("pdfinfo", released_pdf)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
    assert re.search(r"Pages:\s+1\b", info)


def test_fonts_are_times_new_roman_metrics_embedded(released_pdf):
    fonts = poppler("pdffonts", released_pdf)
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    text_fonts = [name for name in names if "Liberation" in name or "Times" in name]
    assert text_fonts, fonts
    assert any("Bold" in name for name in text_fonts)
    assert any("Italic" in name for name in text_fonts)
    # every font of the document body is embedded (column "emb" = yes)
    for line in fonts.splitlines()[2:]:
        if "LiberationSerif" in line:
            assert " yes " in line


def test_text_stays_inside_the_decree_margins(released_pdf):
    found = words(released_pdf)
    left = min(w[1] for w in found)
    right = max(w[3] for w in found)
    top = min(w[2] for w in found)
    bottom = max(w[4] for w in found)
    # left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm (1 pt of rounding)
    assert 30 * MM - 1 <= left <= 35 * MM + 1, left / MM
    assert right <= A4[0] - 15 * MM + 1, (A4[0] - right) / MM
    assert top >= 20 * MM - 1, top / MM
    assert bottom <= A4[1] - 20 * MM + 1


def test_heading_blocks_sit_where_the_decree_puts_them(released_pdf):
    found = words(released_pdf)
    middle = (30 * MM + A4[0] - 15 * MM) / 2
    agency = line_of(found, "ỦY BAN NHÂN DÂN")
    country = line_of(found, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = line_of(found, "Độc lập - Tự do - Hạnh phúc")
    number = line_of(found, "Số: 01/QĐ-UBND")
    place = line_of(found, "Tân Biên, ngày")
    kind = line_of(found, "QUYẾT ĐỊNH")
    # agency block left, national heading right, on the same first line
    assert agency[2] < middle < country[0] + 40
    assert abs(agency[1] - country[1]) < 3
    assert motto[1] > country[1]
    # number under the agency name, place and date under the motto, on one line
    assert number[0] < middle and number[1] > agency[1]
    assert place[0] > middle - 40 and abs(place[1] - number[1]) < 8
    # the kind of document centred under the heading
    centre = (kind[0] + kind[2]) / 2
    assert abs(centre - middle) < 10 and kind[1] > place[3]
    # signature block right, recipients left, below the body
    signer = line_of(found, "KT. CHỦ TỊCH")
    recipients = line_of(found, "Nơi nhận:")
    assert recipients[0] < middle < signer[0] + 60
    assert signer[1] > kind[1] and abs(signer[1] - recipients[1]) < 8
    line_of(found, "Võ Văn Thành")


def test_both_signatures_check_with_poppler(released_pdf):
    report = poppler("pdfsig", released_pdf)
    assert report.count("Signature is Valid.") == 2, report
    assert "Võ Văn Thành" in report and "Ủy ban nhân dân huyện Tân Biên" in report


def test_a_draft_preview_has_no_number_and_no_date(office, make_draft, tmp_path):
    from motcua.eoffice.rendering import document_pdf

    path = tmp_path / "du-thao.pdf"
    path.write_bytes(document_pdf(make_draft()))
    text = poppler("pdftotext", path, "-layout")
    assert re.search(r"Số:\s+/QĐ-UBND", text)
    assert "ngày" in text and "01/QĐ" not in text
