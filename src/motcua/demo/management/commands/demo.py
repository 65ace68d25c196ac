from django.core.management.base import BaseCommand

from motcua.demo import history, loader, second_factor, two_tier
from motcua.eoffice.demo import load_eoffice_demo
from motcua.news.demo import generate_demo_articles
from motcua.reform.demo import load_demo as load_reform_demo
from motcua.request_memo import remembering
from motcua.signing.democa import setup_demo_signing


class Command(BaseCommand):
    help = (
        "Tải dữ liệu minh họa: huyện Tân Biên (2022), sắp xếp đơn vị hành chính 01/07/2025, "
        "các xã mới đến hôm nay, danh mục thủ tục, tài khoản cán bộ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--code",
            action="store_true",
            help="Chỉ in mã xác thực hai lớp hiện tại của các tài khoản minh họa.",
        )

    def handle(self, *args, **options):
        if options["code"]:
            self.stdout.write(second_factor.current_code())
            return
        with remembering():
            self.load(options["verbosity"])

    def load(self, verbosity: int) -> None:
        agencies = loader.load_agencies()
        counts = loader.load_catalog()
        accounts = loader.load_staff() + loader.load_citizens()
        self.stdout.write(history.describe(history.generate()))
        self.stdout.write(f"Tin tức minh họa: thêm {generate_demo_articles()} bài.")
        self.stdout.write(f"Chữ ký số (CA MINH HỌA): {setup_demo_signing()} cơ quan.")
        reform = load_reform_demo()
        self.stdout.write(
            f"Cải cách hành chính 2022: {reform['tasks']} nhiệm vụ, "
            f"{reform['feedback']} phản ánh, kiến nghị, {reform['courses']} lớp tập huấn."
        )
        self.stdout.write(f"Văn phòng điện tử: {load_eoffice_demo()} văn bản đến.")
        self.stdout.write(two_tier.describe(two_tier.generate()))
        accounts += loader.staff_accounts(two_tier.STAFF)
        accounts = loader.roles_now(accounts)
        two_factor = second_factor.give_devices()
        self.stdout.write(
            f"Cơ quan: {agencies}; lĩnh vực: {counts['fields']}; thủ tục: {counts['procedures']}; "
            f"tài khoản: {len(accounts)}."
        )
        if verbosity >= 1:
            self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {loader.demo_password()}):")
            for account in accounts:
                self.stdout.write(
                    f"  {account['username']:<22} {account['name']:<24} {account['roles']}"
                )
            self.stdout.write(
                f"Xác thực hai lớp ({', '.join(two_factor)}): thêm khóa {second_factor.SECRET} "
                "vào ứng dụng xác thực, hoặc xem mã hiện tại bằng `motcua demo --code`."
            )
