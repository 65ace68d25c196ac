"""`motcua calendar --year 2025 [--agency CODE]` and `motcua calendar seed`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.org.models import Agency
from motcua.workdays.engine import FIRST_YEAR, horizon_year
from motcua.workdays.overview import year_overview
from motcua.workdays.services import seed_calendar


class Command(BaseCommand):
    help = (
        "List a year's non-working weekdays and extra working days with their names; "
        "`seed` writes the official holidays and arrangements (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["show", "seed"], default="show")
        parser.add_argument("--year", type=int, default=None, help="default: this year")
        parser.add_argument("--agency", default="", help="agency code (default: national)")

    def handle(self, *args, **options):
        if options["action"] == "seed":
            years = range(FIRST_YEAR, horizon_year() + 1)
            if options["year"] is not None:
                years = range(options["year"], options["year"] + 1)
            self._check_year(years[0])
            result = seed_calendar(years=years)
            self.stdout.write(
                f"{result.created} days created, {result.updated} updated, "
                f"{result.sessions_created} default sessions created"
            )
            return
        year = options["year"] or timezone.localdate().year
        self._check_year(year)
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"unknown agency code {options['agency']!r}", returncode=2)
        for day in year_overview(year, agency).changes:
            status = "làm việc" if day.is_working else "nghỉ"
            self.stdout.write(
                f"{day.date.isoformat()}  {day.weekday_name:<8}  {status:<8}  {day.name}"
            )

    def _check_year(self, year: int) -> None:
        if not FIRST_YEAR <= year <= horizon_year():
            raise CommandError(
                f"year must be between {FIRST_YEAR} and {horizon_year()}, got {year}", returncode=2
            )
