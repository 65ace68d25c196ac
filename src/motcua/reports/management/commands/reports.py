"""`motcua reports rebuild`, `motcua reports summary --agency CODE --year 2022` and
`motcua reports periodic --agency CODE --year 2022 [--kind quarter --number 1]
[--basis calendar|cutoff] [--by-today] [--format csv|xlsx|pdf] [--output FILE]` (Biểu 06;
`--by-today`: ended agencies counted under their successors in force today)."""

import sys

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.org.models import Agency
from motcua.reports.exports import CONTENT_TYPES, export
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import BASES, KINDS, PeriodError, period, start_day_of
from motcua.reports.rebuild import rebuild
from motcua.reports.summary import year_summary
from motcua.reports.tables import by_today_note, periodic_table


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
        periodic = commands.add_parser("periodic", help="Biểu 06/VPCP/KSTT của một cơ quan.")
        periodic.add_argument("--agency", required=True, help="Mã định danh cơ quan")
        periodic.add_argument("--year", required=True, type=int)
        periodic.add_argument("--kind", default="year", choices=[k for k in KINDS if k != "custom"])
        periodic.add_argument("--number", default=1, type=int, help="tháng, quý hoặc 6 tháng")
        periodic.add_argument(
            "--basis",
            choices=list(BASES),
            help="calendar: tháng dương lịch; cutoff: chốt số liệu ngày 14 (NĐ 09/2019 Đ.12)",
        )
        periodic.add_argument(
            "--by-today",
            action="store_true",
            help="theo đơn vị hiện nay: số liệu của đơn vị đã kết thúc tính vào đơn vị kế thừa",
        )
        periodic.add_argument("--format", default="csv", choices=list(CONTENT_TYPES))
        periodic.add_argument("--output", help="tệp ghi ra (mặc định: màn hình)")

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
            if options["command"] == "periodic":
                self._periodic(agency, options)
                return
            self.stdout.write(year_summary(agency, options["year"], timezone.now()))
        except PeriodError as error:
            raise CommandError(str(error)) from error
        if apps.is_installed("motcua.reform"):  # the reform work's figures of the year
            from motcua.reform.review import year_review

            self.stdout.write("\n" + year_review(agency, options["year"], timezone.now()))

    def _periodic(self, agency, options) -> None:
        start_day = start_day_of(options["basis"])
        chosen = period(options["kind"], options["year"], options["number"], start_day=start_day)
        report = periodic_report(agency, chosen, timezone.now(), by_today=options["by_today"])
        table = periodic_table(report, detail=True)
        if report.by_today:  # the CSV holds the table only: say how it was grouped
            self.stderr.write(by_today_note(report))
        data = export(table, options["format"], signed_on=timezone.localdate())
        if options["output"]:
            with open(options["output"], "wb") as file:
                file.write(data)
        elif options["format"] == "csv":
            self.stdout.write(data.decode("utf-8-sig"), ending="")
        else:
            sys.stdout.buffer.write(data)
