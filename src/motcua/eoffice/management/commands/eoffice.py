from django.core.management.base import BaseCommand, CommandError

from motcua.eoffice import exchange
from motcua.eoffice.models import Peer


class Command(BaseCommand):
    help = "Văn phòng điện tử: gửi lại văn bản liên thông còn chờ; khai báo hệ thống liên thông."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("deliver", help="gửi lại văn bản liên thông, báo nhận chưa gửi được")
        peer = commands.add_parser("peer", help="thêm hoặc sửa một hệ thống liên thông")
        peer.add_argument("--code", required=True, help="mã định danh cơ quan ở hệ thống kia")
        peer.add_argument("--name", required=True)
        peer.add_argument("--url", required=True, help="địa chỉ gốc, ví dụ http://127.0.0.1:8101")
        peer.add_argument(
            "--key", required=True, help="khóa chung (cả hai bên khai báo giống nhau)"
        )

    def handle(self, *args, action, **options):
        if action == "deliver":
            self.stdout.write(f"Đã gửi {exchange.deliver_pending()} văn bản, báo nhận.")
            return
        if len(options["key"]) < 16:
            raise CommandError("Khóa chung cần ít nhất 16 ký tự.")
        peer, created = Peer.objects.update_or_create(
            code=options["code"],
            defaults={"name": options["name"], "url": options["url"], "key": options["key"]},
        )
        self.stdout.write(f"{'Đã thêm' if created else 'Đã sửa'} hệ thống liên thông {peer}.")
