"""`motcua drafts purge`: delete abandoned drafts and the files nobody uses (the worker
runs it every hour)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.portal.drafts import purge


class Command(BaseCommand):
    help = "Xóa hồ sơ nháp bỏ dở quá hạn và các tệp không còn dùng."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["purge"])

    def handle(self, *args, **options):
        drafts, files = purge(timezone.now())
        self.stdout.write(f"Đã xóa {drafts} hồ sơ nháp và {files} tệp không còn dùng.")
