"""`motcua forms list`: one line per form of every rule set."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from motcua.printing.models import FormTemplate
from motcua.printing.shipped import number
from motcua.rules.models import FORM_ROLES, RuleSet


class Command(BaseCommand):
    help = "List the printed forms: rule set, number, title, valid from, valid to."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list"])

    def handle(self, *args, **options):
        sets = list(RuleSet.objects.order_by("valid_from"))
        names = dict(FormTemplate.objects.values_list("code", "name"))
        for index, rule_set in enumerate(sets):
            after = sets[index + 1] if index + 1 < len(sets) else None
            # A set's forms are printed until the next set's forms take over.
            valid_to = after.forms_valid_from - timedelta(days=1) if after else None
            codes = [rule_set.forms[role] for role in FORM_ROLES if role in rule_set.forms]
            for code in sorted(codes, key=lambda code: (not number(code).isdigit(), number(code))):
                self.stdout.write(
                    "\t".join(
                        [
                            rule_set.code,
                            number(code),
                            names.get(code, "(chưa có mẫu trong cơ sở dữ liệu)"),
                            f"{rule_set.forms_valid_from:%d/%m/%Y}",
                            f"{valid_to:%d/%m/%Y}" if valid_to else "",
                        ]
                    )
                )
