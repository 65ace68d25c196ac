import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.signing.errors import SigningError
from motcua.signing.verifier import configured_trust_roots, load_trust_roots, verify_pdf

# Exit codes: 0 every signature intact, 1 a signature is broken, 2 unreadable or unsigned.
BROKEN, UNSIGNED = 1, 2


class Command(BaseCommand):
    help = (
        "Kiểm tra chữ ký số trong tệp PDF: người ký, thời điểm, nguyên vẹn hay không, chứng "
        "thư có tin cậy không. Mã thoát 1 khi có chữ ký bị phá vỡ, 2 khi tệp không đọc được "
        "hoặc không có chữ ký."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp PDF")
        parser.add_argument(
            "--trust",
            action="append",
            default=[],
            metavar="ROOT.pem",
            help="chứng thư gốc tin cậy (lặp lại được); mặc định MOTCUA_TRUST_ROOTS",
        )

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as file:
                content = file.read()
            roots = (
                load_trust_roots(options["trust"]) if options["trust"] else configured_trust_roots()
            )
            reports = verify_pdf(content, roots)
        except OSError as error:
            raise CommandError(f"Không đọc được {options['file']}: {error.strerror}") from error
        except SigningError as error:
            self.stderr.write(error.message)
            sys.exit(UNSIGNED)
        if not reports:
            self.stdout.write("Tệp không có chữ ký số nào.")
            sys.exit(UNSIGNED)
        for number, report in enumerate(reports, start=1):
            when = (
                timezone.localtime(report.signed_at).strftime("%H:%M:%S %d/%m/%Y")
                if report.signed_at
                else "không rõ"
            )
            source = "dấu thời gian" if report.timestamped else "đồng hồ máy người ký"
            self.stdout.write(f"Chữ ký {number} ({report.field})")
            self.stdout.write(f"  Người ký:    {report.signer} ({report.subject})")
            self.stdout.write(f"  Thời điểm:   {when} (theo {source})")
            self.stdout.write(
                "  Nội dung:    "
                + ("nguyên vẹn" if not report.broken else "BỊ THAY ĐỔI / KHÔNG HỢP LỆ")
            )
            self.stdout.write(
                "  Chứng thư:   "
                + (f"tin cậy (gốc: {report.trust_anchor})" if report.trusted else "không tin cậy")
            )
            self.stdout.write(f"  Kết luận:    {report.summary}")
        broken = sum(report.broken for report in reports)
        if broken:
            self.stdout.write(f"{broken}/{len(reports)} chữ ký bị phá vỡ.")
            sys.exit(BROKEN)
        self.stdout.write(f"{len(reports)} chữ ký, tất cả nguyên vẹn.")
