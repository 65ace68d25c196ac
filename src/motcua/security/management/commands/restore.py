from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.security.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu trong THƯ_MỤC vào một bản cài đặt mới (đã migrate, chưa có dữ liệu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Đã khôi phục {rows} dòng và {len(manifest['files'])} tệp từ {folder}.")
