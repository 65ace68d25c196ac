"""`motcua deadline --start 2025-01-24T09:00 --quantity 1 --unit working_days`."""

from django.core.management.base import BaseCommand, CommandError

from motcua.org.models import Agency
from motcua.rules.lookup import NoRuleSet, rule_set_at
from motcua.workdays.engine import COUNTINGS, UNITS, CalendarError, due
from motcua.workdays.inputs import parse_cutoff, parse_quantity, parse_start
from motcua.workdays.loader import calendar_for


class Command(BaseCommand):
    help = (
        "Print the due moment of a period as ISO 8601 with offset, and nothing else. "
        "Bad input: a message on stderr, exit status 2."
    )

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="e.g. 2025-01-24T09:00 (local time)")
        parser.add_argument("--quantity", required=True, help="e.g. 1 or 0.5")
        parser.add_argument("--unit", required=True, help=f"one of {', '.join(UNITS)}")
        parser.add_argument("--agency", default="", help="agency code (default: national)")
        parser.add_argument("--cutoff", default="", help="same-day cut-off, e.g. 15:00")
        parser.add_argument(
            "--counting",
            choices=COUNTINGS,
            help="where N working days end (default: the rule set in force at --start)",
        )

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"unknown agency code {options['agency']!r}", returncode=2)
        try:
            start = parse_start(options["start"])
            counting = options["counting"] or rule_set_at(start).counting
            moment = due(
                start,
                parse_quantity(options["quantity"]),
                options["unit"],
                calendar_for(agency),
                cutoff=parse_cutoff(options["cutoff"]),
                counting=counting,
            )
        except (CalendarError, NoRuleSet) as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(moment.isoformat())
