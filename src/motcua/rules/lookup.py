"""Which rule set governs a moment or a dossier.

>>> rule_set_on(date(2022, 3, 1)).code
'2018'
>>> rule_set_on(date(2025, 7, 1)).counting
'end_of_day'
"""

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from motcua.revisions.tokens import kept

from .models import RuleSet

RULES = "rules"


class NoRuleSet(LookupError):
    """No rule set covers the day; the message is for the user (Vietnamese)."""


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on `day` (local date); kept in the process until a rule set
    changes (`motcua.revisions`)."""
    found = kept(
        RULES,
        ("rule-set", day),
        lambda: (
            RuleSet.objects.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        ),
    )
    if found is None:
        raise NoRuleSet(f"Không có bộ quy tắc nào áp dụng ngày {day:%d/%m/%Y}.")
    return found


def rule_set_at(moment: datetime) -> RuleSet:
    """The rule set in force at an aware `moment` (its date in Vietnam)."""
    return rule_set_on(timezone.localtime(moment).date())


def rule_set_for(dossier) -> RuleSet:
    """The set governing `dossier` for its whole life: the one in force when it was
    received (a submission not yet accepted: when it was submitted)."""
    moment = dossier.received_at or dossier.submitted_at or timezone.now()
    return rule_set_at(moment)
