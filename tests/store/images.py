"""Pictures of paper documents for the tests: Vietnamese text rendered at 300 dpi, and
photos as phones save them (JPEG with an EXIF turn, HEIC)."""

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = [
    "GIẤY CHỨNG SINH",
    "Họ và tên mẹ: Nguyễn Thị Hường",
    "Nơi sinh: Trung tâm Y tế huyện Tân Biên",
    "Tên dự kiến đặt cho con: Trần Minh Khôi",
]


def page(lines=LINES) -> Image.Image:
    font = ImageFont.truetype(FONT, 54)
    image = Image.new("RGB", (2480, 200 + 90 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((150, 100 + 90 * i), line, font=font, fill="black")
    return image


def encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, dpi=(300, 300), **options)
    return out.getvalue()


def sideways_jpeg(lines=LINES) -> bytes:
    """A photo whose pixels lie on their side, with EXIF orientation 6 ("turn 90° right"),
    as a phone held upright writes it."""
    image = page(lines).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    return encoded(image, "JPEG", quality=90, exif=exif)
