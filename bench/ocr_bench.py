"""OCR accuracy on Vietnamese document images: Tesseract's Vietnamese model against its
English model (the baseline) on the same generated pages.

Each page is Vietnamese administrative text rendered at 300 dpi in Liberation Serif 13 pt
(the size of official documents), then varied as a counter scan or a phone photo would be:
clean, with speckle noise, skewed by 1.5°, and as a low-quality JPEG. Character accuracy is
1 − (edit distance ÷ length of the reference), white space folded.

    python -m bench ocr            # or: make bench BENCH_ARGS=ocr
"""

import io
import random
import time

from PIL import Image, ImageDraw, ImageFont

from motcua.store import ocr

DPI = 300
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
POINTS = 13
TEXTS = [
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Kính gửi: Ủy ban nhân dân xã Tân Lập, tỉnh Tây Ninh.",
        "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hường",
        "Nơi cư trú: ấp Thạnh Phú, xã Tân Lập, huyện Tân Biên",
        "Giấy tờ tùy thân: Căn cước công dân số 072190001234",
        "Quan hệ với người được khai sinh: mẹ đẻ",
        "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
        "Họ, chữ đệm, tên: Trần Minh Khôi; giới tính: Nam",
        "Ngày, tháng, năm sinh: 14/02/2026; ghi bằng chữ: ngày mười bốn,",
        "tháng hai, năm hai nghìn không trăm hai mươi sáu.",
        "Nơi sinh: Trung tâm Y tế huyện Tân Biên, tỉnh Tây Ninh.",
        "Dân tộc: Kinh; quốc tịch: Việt Nam; quê quán: xã Hòa Hiệp.",
        "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
        "được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
    ],
    [
        "ỦY BAN NHÂN DÂN HUYỆN TÂN BIÊN",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Bộ phận tiếp nhận và trả kết quả đã tiếp nhận hồ sơ của ông (bà)",
        "Lê Văn Được, địa chỉ khu phố 3, thị trấn Tân Biên, đề nghị giải quyết",
        "thủ tục chuyển nhượng quyền sử dụng đất. Sau khi xem xét, đề nghị",
        "ông (bà) bổ sung, hoàn thiện các nội dung sau: bản sao giấy chứng nhận",
        "quyền sử dụng đất; hợp đồng chuyển nhượng đã được công chứng, chứng thực;",
        "tờ khai lệ phí trước bạ nhà, đất; văn bản ủy quyền nếu có.",
        "Lý do: hồ sơ thiếu thành phần theo quy định tại Nghị định số 118/2025/NĐ-CP.",
        "Mọi vướng mắc, xin liên hệ số điện thoại 0276 3874 567 để được hướng dẫn.",
        "Xin trân trọng cảm ơn sự hợp tác của ông (bà) trong quá trình giải quyết.",
    ],
]


def render(lines: list[str]) -> Image.Image:
    """A white A4-wide page with the lines in black, as a 300 dpi scanner gives it."""
    font = ImageFont.truetype(FONT, round(POINTS * DPI / 72))
    margin, leading = 200, round(POINTS * DPI / 72 * 1.5)
    page = Image.new("L", (2480, margin * 2 + leading * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * leading), line, font=font, fill=0)
    return page


def noisy(page: Image.Image, rng: random.Random) -> Image.Image:
    """Speckles on 1 % of the pixels, as dust on the scanner glass or a cheap phone sensor."""
    out = page.copy()
    pixels = out.load()
    width, height = out.size
    for _ in range(width * height // 100):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 96, 160, 255))
    return out


def skewed(page: Image.Image) -> Image.Image:
    return page.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def as_bytes(page: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    page.save(out, format=fmt, dpi=(DPI, DPI), **options)
    return out.getvalue()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(reference: str, read: str) -> float:
    reference, read = " ".join(reference.split()), " ".join(read.split())
    return max(0.0, 1 - edit_distance(reference, read) / len(reference))


def variants(rng: random.Random) -> dict[str, list[tuple[str, bytes]]]:
    pages = [("\n".join(lines), render(lines)) for lines in TEXTS]
    return {
        "clean": [(text, as_bytes(page)) for text, page in pages],
        "noisy": [(text, as_bytes(noisy(page, rng))) for text, page in pages],
        "skewed 1.5°": [(text, as_bytes(skewed(page))) for text, page in pages],
        "JPEG q=40": [(text, as_bytes(page, "JPEG", quality=40)) for text, page in pages],
    }


def main() -> None:
    if not ocr.available():
        print("Tesseract with the Vietnamese model is missing: apt-get install tesseract-ocr-vie")
        return
    rng = random.Random(2026)
    print(f"{'variant':<12} {'vie':>8} {'eng (baseline)':>15} {'ratio':>7} {'s/page':>7}")
    for name, samples in variants(rng).items():
        vie, eng, seconds = [], [], 0.0
        for text, content in samples:
            started = time.perf_counter()
            vie.append(accuracy(text, ocr.read_image(content)))
            seconds += time.perf_counter() - started
            eng.append(accuracy(text, ocr.read_image(content, language="eng")))
        v, e = sum(vie) / len(vie), sum(eng) / len(eng)
        print(f"{name:<12} {v:>8.2%} {e:>15.2%} {v / e:>6.2f}× {seconds / len(samples):>7.2f}")
