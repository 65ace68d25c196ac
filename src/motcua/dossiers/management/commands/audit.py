"""`motcua audit verify [--dossier CODE]`: check the hash chains of dossier histories."""

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier, DossierEvent


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm lịch sử hồ sơ (phát hiện sửa, xóa, chèn sự kiện)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--dossier", help="mã hồ sơ; bỏ trống để kiểm tra tất cả")

    def handle(self, *args, dossier=None, **options):
        dossiers = Dossier.objects.order_by("pk")
        if dossier:
            dossiers = dossiers.filter(code=dossier)
            if not dossiers.exists():
                raise CommandError(f"Không có hồ sơ mã {dossier}.")
        checked = 0
        for pk, code in dossiers.values_list("pk", "code").iterator(chunk_size=2000):
            broken = verify_chain(DossierEvent.objects.filter(dossier_id=pk).order_by("sequence"))
            checked += 1
            if broken:
                raise CommandError(
                    f"Hồ sơ {code}: chuỗi bị phá vỡ tại sự kiện #{broken.sequence} ({broken.reason})."
                )
        self.stdout.write(f"Đã kiểm tra {checked} hồ sơ: toàn vẹn.")
