"""The visible signature stamp: who signed, their title, the agency, the time, and a QR code.

Where it goes: a document template marks the place with an element whose id is
`chu-ky-so` (WeasyPrint writes every id as a PDF named destination); the stamp's top-left
corner sits there. A PDF without that mark gets the stamp at the bottom right of its last
page.

>>> place = stamp_place(pdf_bytes)
>>> place.page, place.box
(0, (332, 195, 530, 274))
"""

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import segno
from django.utils import timezone
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.stamp import QRPosition, QRStamp, QRStampStyle, TextStampStyle

from . import conf

ANCHOR = "chu-ky-so"
# 70 mm x 28 mm in points: room for four lines beside a QR code, as Vietnamese e-signed
# documents show them.
WIDTH, HEIGHT = 198, 79
MARGIN = 36
FONT_SIZE = 8
INK = (0.7, 0.0, 0.0)
# Latin, Vietnamese precomposed letters and combining marks, typographic punctuation, ₫.
_CHARACTERS = [
    *range(0x20, 0x250),
    *range(0x300, 0x370),
    *range(0x1EA0, 0x1EFA),
    *range(0x2010, 0x2027),
    0x20AB,
]


@dataclass(frozen=True)
class StampPlace:
    """Page index (0-based) and box (x1, y1, x2, y2 in PDF points, origin bottom left)."""

    page: int
    box: tuple[int, int, int, int]


def stamp_place(pdf_bytes: bytes) -> StampPlace:
    """Where the stamp goes in this PDF: at the template's `chu-ky-so` mark, else bottom right
    of the last page."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    return _marked(reader) or _bottom_right(reader)


def marked_place(pdf_bytes: bytes) -> StampPlace | None:
    """The place the document's template marks for the stamp, if it marks one."""
    return _marked(PdfFileReader(io.BytesIO(pdf_bytes), strict=False))


def _marked(reader: PdfFileReader) -> StampPlace | None:
    mark = _named_destination(reader, ANCHOR)
    if mark is None:
        return None
    page, left, top = mark
    return StampPlace(page, (round(left), round(top - HEIGHT), round(left + WIDTH), round(top)))


def _bottom_right(reader: PdfFileReader) -> StampPlace:
    count = int(reader.root["/Pages"]["/Count"])
    page_ref, _ = reader.find_page_for_modification(count - 1)
    node = page_ref.get_object()
    while "/MediaBox" not in node:  # inherited from the page tree
        node = node["/Parent"].get_object()
    _x1, y1, x2, _y2 = (float(v) for v in node["/MediaBox"])
    right, bottom = x2 - MARGIN, y1 + MARGIN
    return StampPlace(
        count - 1, (round(right - WIDTH), round(bottom), round(right), round(bottom + HEIGHT))
    )


def _named_destination(reader: PdfFileReader, name: str) -> tuple[int, float, float] | None:
    """(page index, x, y) of a named destination written as [page /XYZ x y zoom]."""
    names = reader.root.get("/Names")
    tree = names.get_object().get("/Dests") if names is not None else None
    target = _find_in_name_tree(tree.get_object(), name) if tree is not None else None
    if target is None:
        return None
    target = target.get_object()
    if isinstance(target, generic.DictionaryObject):
        target = target["/D"]
    if len(target) < 4 or target[1] != "/XYZ":
        return None
    page_ref = target.raw_get(0)
    count = int(reader.root["/Pages"]["/Count"])
    for index in range(count):
        ref, _ = reader.find_page_for_modification(index)
        if ref.idnum == page_ref.idnum:
            return index, float(target[2]), float(target[3])
    return None


def _find_in_name_tree(node, name: str):
    pairs = node.get("/Names")
    if pairs is not None:
        for index in range(0, len(pairs) - 1, 2):
            if str(pairs[index]) == name:
                return pairs[index + 1]
    for kid in node.get("/Kids", ()):
        found = _find_in_name_tree(kid.get_object(), name)
        if found is not None:
            return found
    return None


def vietnamese_time(when: datetime) -> str:
    """`09:30 ngày 03/03/2025`, in Vietnam's time."""
    local = timezone.localtime(when)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def stamp_style(*, title: str, qr: bool) -> TextStampStyle:
    """The stamp's look; its text takes the parameters `signer`, `title`, `agency`, `when`."""
    lines = ["Người ký: %(signer)s"]
    if title:
        lines.append("Chức vụ: %(title)s")
    lines += ["Cơ quan: %(agency)s", "Thời gian ký: %(when)s"]
    common = {
        "stamp_text": "\n".join(lines),
        "text_box_style": TextBoxStyle(
            font=StampFont(), font_size=FONT_SIZE, leading=FONT_SIZE + 2, text_color=INK
        ),
        "border_width": 1,
        "border_color": INK,
    }
    if qr:
        return SegnoQRStampStyle(qr_position=QRPosition.LEFT_OF_TEXT, innsep=4, **common)
    return TextStampStyle(**common)


class StampFont(FontEngineFactory):
    """The stamp font, embedded as a subset: Vietnamese needs a real TrueType font."""

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_stamp_font_bytes(conf.stamp_font())),
            font_size=FONT_SIZE,
            obj_stream=obj_stream,
        )


@lru_cache(maxsize=2)
def _stamp_font_bytes(path: str) -> bytes:
    """The font cut to the characters a stamp uses and rescaled to 1000 units per em.

    pyHanko writes glyph widths in font units while PDF reads them in thousandths of an em,
    so a 2048-unit font (Liberation, DejaVu) prints with gaps between letters; rescaling
    fixes that, and cutting first makes it quick (under a second, once per process).
    """
    font = TTFont(path)
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["FFTM"]  # FontForge's timestamp: fontTools cannot cut it
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_CHARACTERS)
    subsetter.subset(font)
    scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class SegnoQRStampStyle(QRStampStyle):
    """pyHanko's QR stamp, drawn with segno (already a dependency) instead of `qrcode`."""

    def create_stamp(self, writer, box: layout.BoxConstraints, text_params: dict) -> QRStamp:
        url = text_params.pop("url")
        return SegnoQRStamp(writer, style=self, url=url, text_params=text_params, box=box)


class SegnoQRStamp(QRStamp):
    def _qr_xobject(self):
        """The QR code as a form XObject of unit squares, the size pyHanko then scales."""
        code = segno.make(self.url, error="m")
        border = 1
        rows = code.matrix
        size = len(rows) + 2 * border
        # QR rows run top-down, PDF y runs bottom-up.
        squares = [
            b"%d %d 1 1 re" % (x + border, size - border - y - 1)
            for y, row in enumerate(rows)
            for x, dark in enumerate(row)
            if dark
        ]
        stream = b"0 0 0 rg\n" + b"\n".join(squares) + b"\nf"
        xobject = init_xobject_dictionary(stream, size, size)
        xobject.compress()
        return self.writer.add_object(xobject), size
