from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.errors import InvalidInput
from motcua.interop.clients import create_client, revoke
from motcua.interop.models import ApiClient, Scope
from motcua.org.models import Agency


class Command(BaseCommand):
    help = "Quản lý hệ thống kết nối API: create (in mã truy cập ở dòng cuối), revoke, list."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Tạo hệ thống kết nối và cấp mã truy cập.")
        create.add_argument("name")
        create.add_argument("--agency", required=True, help="Mã cơ quan (gồm cả cơ quan cấp dưới)")
        create.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            help="read (mặc định) và/hoặc write; lặp lại để cấp nhiều quyền",
        )
        revoke_parser = actions.add_parser("revoke", help="Thu hồi mã truy cập.")
        revoke_parser.add_argument("name")
        actions.add_parser("list", help="Liệt kê các hệ thống kết nối.")

    def handle(self, *args, action, **options):
        if action == "create":
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {options['agency']}.")
            try:
                client, token = create_client(
                    options["name"], agency=agency, scopes=options["scope"] or ["read"]
                )
            except InvalidInput as error:
                raise CommandError(error.message) from None
            self.stdout.write(
                f"Đã tạo “{client.name}” cho {agency} ({agency.code}), quyền: "
                f"{', '.join(client.scopes)}. Mã truy cập chỉ hiện một lần:"
            )
            self.stdout.write(token)
        elif action == "revoke":
            client = ApiClient.objects.filter(name=options["name"]).first()
            if client is None:
                raise CommandError(f"Không có hệ thống tên “{options['name']}”.")
            revoke(client)
            self.stdout.write(f"Đã thu hồi mã truy cập của “{client.name}”.")
        else:
            for client in ApiClient.objects.select_related("agency"):
                state = "đã thu hồi" if client.revoked_at else "đang dùng"
                self.stdout.write(
                    f"{client.name}\t{client.agency.code}\t{','.join(client.scopes)}\t"
                    f"{client.token_prefix}…\t{state}"
                )
