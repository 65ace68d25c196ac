from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.interop import national_portal


class Command(BaseCommand):
    help = (
        "Liên thông Cổng DVCQG: pull (nhận hồ sơ nộp trên Cổng), reconcile (đối soát một "
        "ngày, mặc định hôm qua; chạy hằng đêm)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["pull", "reconcile"])
        parser.add_argument("--day", type=date.fromisoformat, help="ngày đối soát, YYYY-MM-DD")

    def handle(self, *args, action, day=None, **options):
        if not national_portal.enabled():
            raise CommandError("Chưa cấu hình MOTCUA_DVCQG_URL.")
        if action == "pull":
            created, problems = national_portal.pull()
            for dossier in created:
                self.stdout.write(f"Đã nhận {dossier.code}")
            for problem in problems:
                self.stderr.write(f"Không nhận được {problem}")
            return
        day = day or timezone.localdate() - timedelta(days=1)
        result = national_portal.reconcile(day)
        if result.error:
            raise CommandError(f"Đối soát {day:%d/%m/%Y} không được: {result.error}")
        self.stdout.write(
            f"Đối soát {day:%d/%m/%Y}: {result.local_count} hồ sơ, khớp {result.matched}, "
            f"gửi lại {result.resent}."
        )
