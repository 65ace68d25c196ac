"""`motcua audit verify [--dossier CODE]`: check the dossier histories against their hash
chains, their rows and the signed anchors; `motcua audit anchor`: write today's anchor (run
daily by the worker's host, see docs/security.md)."""

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.models import Dossier
from motcua.security import anchors


class Command(BaseCommand):
    help = "Kiểm tra lịch sử hồ sơ (chuỗi băm, dữ liệu hồ sơ, mốc đã ký) hoặc lập mốc hằng ngày."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument("--dossier", help="mã hồ sơ; bỏ trống để kiểm tra tất cả")

    def handle(self, *args, action, dossier=None, **options):
        if action == "anchor":
            entry = anchors.anchor()
            if entry is None:
                self.stdout.write("Không có sự kiện mới từ mốc trước.")
            else:
                self.stdout.write(
                    f"Mốc {entry.day:%d/%m/%Y}: {entry.event_count} sự kiện, "
                    f"{entry.dossier_count} hồ sơ, tóm lược {entry.digest}."
                )
            return
        if dossier and not Dossier.objects.filter(code=dossier).exists():
            raise CommandError(f"Không có hồ sơ mã {dossier}.")
        problems = anchors.verify(dossier)
        if problems:
            raise CommandError("\n".join(problem.message for problem in problems))
        checked = (
            Dossier.objects.filter(code=dossier).count() if dossier else Dossier.objects.count()
        )
        self.stdout.write(f"Đã kiểm tra {checked} hồ sơ: toàn vẹn.")
