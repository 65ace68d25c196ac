from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.security.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu nhất quán cơ sở dữ liệu và các tệp vào THƯ_MỤC (mới hoặc trống)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Đã sao lưu {rows} dòng và {len(manifest['files'])} tệp vào {folder}.")
