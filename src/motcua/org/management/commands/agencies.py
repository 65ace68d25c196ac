"""`motcua agencies reorganise FILE [--check]` and `motcua agencies list [--at YYYY-MM-DD]`."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from motcua.org import reorganise
from motcua.org.models import Agency
from motcua.org.plans import PlanError, read_plan


class Command(BaseCommand):
    help = (
        "Cơ quan, đơn vị: sắp xếp tổ chức theo phương án (reorganise), danh sách theo ngày (list)."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        plan = commands.add_parser(
            "reorganise",
            help="Ghi nhận phương án sắp xếp (TOML hoặc XLSX); thực hiện ngay khi đã đến ngày hiệu lực.",
        )
        plan.add_argument("file", type=Path)
        plan.add_argument(
            "--check", action="store_true", help="Chỉ kiểm tra phương án, không ghi gì."
        )
        listing = commands.add_parser("list", help="Các cơ quan hoạt động vào một ngày.")
        listing.add_argument("--at", type=date.fromisoformat, help="YYYY-MM-DD, mặc định hôm nay")

    def handle(self, *args, command, **options):
        if command == "list":
            day = options["at"] or timezone.localdate()
            for agency in Agency.objects.in_force(day).select_related("kind"):
                depth = agency.path.count("/") - 1
                self.stdout.write(f"{'  ' * depth}{agency.code}  {agency.name}")
            return
        try:
            plan = read_plan(options["file"])
            if options["check"]:
                found = reorganise.check(plan)
                self.stdout.write(
                    f"Phương án hợp lệ: {len(found.ends)} cơ quan kết thúc, "
                    f"{len(plan['agencies'])} cơ quan mới, {len(found.moves)} hồ sơ sẽ chuyển."
                )
                return
            with transaction.atomic():  # a plan that fails is not kept either
                done = reorganise.record(plan, source=options["file"].name)
                if done.effective_on <= timezone.localdate():
                    done = reorganise.apply(done)
        except PlanError as error:
            problems = "\n- ".join(error.problems)
            raise CommandError(f"Phương án không thực hiện được:\n- {problems}") from None
        if done.applied_at is None:
            self.stdout.write(
                f"Đã ghi nhận “{done}”; sẽ thực hiện vào ngày {done.effective_on:%d/%m/%Y}."
            )
            return
        outcome = done.outcome
        self.stdout.write(
            f"Đã thực hiện “{done}”: {len(outcome['created'])} cơ quan mới, "
            f"{len(outcome['ended'])} cơ quan kết thúc, {outcome['dossiers_moved']} hồ sơ chuyển, "
            f"{len(outcome['roles_moved'])} vai trò chuyển, {len(outcome['roles_ended'])} vai trò kết thúc."
        )
