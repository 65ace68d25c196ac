"""Dossier codes: the format of the rule set in force (Circular 01/2018/TT-VPCP Art. 19:
`<agency code>-<yyMMdd>-<NNNN>`, the date of reception and a daily number per agency)."""

from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from motcua.org.models import Agency
from motcua.rules.lookup import rule_set_on


def format_code(agency: Agency, day: date, number: int, pattern: str = "") -> str:
    """The code of the `number`-th dossier of `agency` on `day`, in `pattern` or else the
    format of the rule set in force that day (`RuleSet.dossier_code_format`)."""
    pattern = pattern or rule_set_on(day).dossier_code_format
    return pattern.format(agency=agency.code, date=day, number=number)


def next_dossier_code(agency: Agency, at: datetime) -> str:
    """Take the agency's next number of the day (local date of `at`) and build the code.

    One statement inside the caller's transaction: the counter row is created at 1 or, when
    it exists, incremented under its row lock (`INSERT … ON CONFLICT DO UPDATE … RETURNING`,
    PostgreSQL and SQLite 3.35+), so two concurrent receptions never get the same number.

    >>> next_dossier_code(district, datetime(2022, 2, 14, 9, tzinfo=VN))
    '000.00.21.H56-220214-0001'
    """
    day = timezone.localtime(at).date()
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_NUMBER, [agency.pk, connection.ops.adapt_datefield_value(day)])
        (number,) = cursor.fetchone()
    return format_code(agency, day, number)


# Standard SQL, as PostgreSQL and SQLite 3.35+ read it.
_NEXT_NUMBER = (
    'INSERT INTO "dossiers_dailysequence" ("agency_id", "day", "last") VALUES (%s, %s, 1) '
    'ON CONFLICT ("agency_id", "day") '
    'DO UPDATE SET "last" = "dossiers_dailysequence"."last" + 1 RETURNING "last"'
)
