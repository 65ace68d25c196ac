"""`motcua ocr FILE` prints the Vietnamese text of an image or a PDF, diacritics and all."""

import io

import pytest
from django.core.management import CommandError, call_command
from store.images import encoded, page
from weasyprint import HTML

from motcua.store import ocr


def _ocr(path) -> str:
    out = io.StringIO()
    call_command("ocr", str(path), stdout=out)
    return out.getvalue()


def test_tesseract_with_the_vietnamese_model_is_installed():
    assert ocr.available(), "make test installs tesseract-ocr-vie"


def test_the_text_of_a_scanned_image_keeps_its_diacritics(tmp_path):
    scan = tmp_path / "chung-sinh.png"
    scan.write_bytes(encoded(page()))
    text = _ocr(scan)
    assert "GIẤY CHỨNG SINH" in text
    assert "Nguyễn Thị Hường" in text
    assert "Trần Minh Khôi" in text


def test_a_scanned_pdf_is_read_page_by_page(tmp_path):
    scan = tmp_path / "scan.pdf"
    first = page(["Trang một: Ủy ban nhân dân xã Tân Lập"])
    second = page(["Trang hai: Bộ phận tiếp nhận và trả kết quả"])
    first.save(scan, format="PDF", save_all=True, append_images=[second], resolution=300.0)
    text = _ocr(scan)
    assert "Ủy ban nhân dân xã Tân Lập" in text
    assert "Bộ phận tiếp nhận và trả kết quả" in text
    assert text.index("Trang một") < text.index("Trang hai")


def test_a_pdf_with_its_own_text_gives_that_text(tmp_path):
    document = tmp_path / "van-ban.pdf"
    document.write_bytes(
        HTML(string="<p>Quyết định về việc cấp Giấy phép xây dựng đã được ký số</p>").write_pdf()
    )
    assert "Quyết định về việc cấp Giấy phép xây dựng đã được ký số" in _ocr(document)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        _ocr(tmp_path / "khong-co.png")
