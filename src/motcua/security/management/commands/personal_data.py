"""`motcua personal_data erase`: erase the personal data of finished dossiers past their
retention period (security/data/retention.toml); the worker runs it daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.security.privacy import erase_due


class Command(BaseCommand):
    help = (
        "Xóa dữ liệu cá nhân của hồ sơ đã kết thúc quá thời hạn lưu (giữ nguyên số liệu báo cáo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["erase"])

    def handle(self, *args, **options):
        self.stdout.write(f"Đã xóa dữ liệu cá nhân của {erase_due(timezone.now())} hồ sơ.")
