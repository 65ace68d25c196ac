"""`motcua reports rebuild` and `motcua reports summary --agency CODE --year 2022`."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.org.models import Agency
from motcua.reports.periods import PeriodError
from motcua.reports.rebuild import rebuild
from motcua.reports.summary import year_summary


class Command(BaseCommand):
    help = "Báo cáo: tính lại số liệu tổng hợp (rebuild) hoặc viết đoạn tổng kết năm (summary)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("rebuild", help="Tính lại toàn bộ số liệu tổng hợp từ lịch sử hồ sơ.")
        summary = commands.add_parser("summary", help="Đoạn tổng kết kết quả năm của một cơ quan.")
        summary.add_argument(
            "--agency", required=True, help="Mã định danh cơ quan, ví dụ 000.00.21.H56"
        )
        summary.add_argument("--year", required=True, type=int)

    def handle(self, *args, **options):
        if options["command"] == "rebuild":
            counts = rebuild()
            self.stdout.write(
                f"Đã tính lại từ {counts['dossiers']} hồ sơ: {counts['rollup_rows']} dòng tổng hợp, "
                f"{counts['step_rows']} dòng bước xử lý, {counts['open']} hồ sơ đang giải quyết."
            )
            return
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']}.")
        try:
            self.stdout.write(year_summary(agency, options["year"], timezone.now()))
        except PeriodError as error:
            raise CommandError(str(error)) from error
        if apps.is_installed("motcua.reform"):  # the reform work's figures of the year
            from motcua.reform.review import year_review

            self.stdout.write("\n" + year_review(agency, options["year"], timezone.now()))
