"""`motcua ocr FILE`: prints the text Tesseract reads in an image or a PDF (Vietnamese)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.store import ocr


class Command(BaseCommand):
    help = "In nội dung chữ nhận dạng (OCR, tiếng Việt) của một ảnh hoặc tệp PDF."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="ảnh (PNG, JPEG, TIFF) hoặc PDF")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Không có tệp {file}.")
        if not ocr.available():
            raise CommandError(
                "Chưa cài Tesseract tiếng Việt: apt-get install tesseract-ocr tesseract-ocr-vie"
            )
        try:
            text = ocr.text_of(file.read_bytes())
        except ocr.OcrUnavailable as error:
            raise CommandError(f"Không đọc được {file}: {error}") from None
        self.stdout.write(text.rstrip())
