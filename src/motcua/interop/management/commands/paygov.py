from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.interop import payment_platform
from motcua.ui.templatetags.vn import vnd


class Command(BaseCommand):
    help = "Đối soát thanh toán với nền tảng thanh toán quốc gia cho một ngày (mặc định hôm qua)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reconcile"])
        parser.add_argument("--day", type=date.fromisoformat, help="ngày đối soát, YYYY-MM-DD")

    def handle(self, *args, action, day=None, **options):
        if not payment_platform.enabled():
            raise CommandError("Chưa cấu hình MOTCUA_PAYGOV_URL và MOTCUA_PAYGOV_SECRET.")
        day = day or timezone.localdate() - timedelta(days=1)
        result = payment_platform.reconcile(day)
        if result.error:
            raise CommandError(f"Đối soát {day:%d/%m/%Y} không được: {result.error}")
        self.stdout.write(
            f"Đối soát {day:%d/%m/%Y}: đã ghi nhận {result.paid_count} giao dịch "
            f"({vnd(result.paid_amount)}), nền tảng báo {result.received_count} "
            f"({vnd(result.received_amount)}), lệch {len(result.differences)}."
        )
        for difference in result.differences:
            self.stdout.write(f"  {difference['reference']}: {difference['note']}")
