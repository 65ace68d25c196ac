"""Procedure search: accent- and đ-insensitive, ranked, identical on SQLite and PostgreSQL.

Matching runs on the folded words of the names (`motcua.text.words`) with plain substring
tests, so both databases give the same answer; the catalog has thousands of rows, not
millions.
"""

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from motcua.reports.models import Grain, Rollup
from motcua.text import words

from .models import Procedure


def _held(text: str) -> Q:
    """The padded name holds `text` as whole words."""
    return Q(padded_name__contains=f" {text} ")


def search_procedures(
    query: str, procedures: QuerySet[Procedure] | None = None
) -> QuerySet[Procedure]:
    """Procedures whose name holds at least one word of `query`, best first.

    A national code matches first. Then names rank by how many of the query's words they
    hold, a point more for the whole phrase; then by use (dossiers received so far, from
    the report rollups); then in Vietnamese alphabetical order. Words match whole:
    "hon" finds "hôn", not "thôn".

    >>> [p.name for p in search_procedures("dang ky ket hon")][:1]
    ['Đăng ký kết hôn']
    """
    procedures = Procedure.objects.all() if procedures is None else procedures
    typed = words(query)
    wanted = list(dict.fromkeys(typed))
    code = query.strip()
    if not wanted:
        return procedures.none()
    score = sum(
        (Case(When(_held(word), then=Value(1)), default=Value(0)) for word in wanted),
        start=Value(0),
    )
    if len(wanted) > 1:
        score += Case(When(_held(" ".join(typed)), then=Value(1)), default=Value(0))
    use = (
        Rollup.objects.filter(procedure=OuterRef("pk"), grain=Grain.YEAR)
        .values("procedure")
        .annotate(received=Sum("received"))
        .values("received")
    )
    return (
        procedures.annotate(padded_name=Concat(Value(" "), "name_folded", Value(" ")))
        .annotate(
            exact=Case(When(code=code, then=Value(1)), default=Value(0)),
            score=score,
            use=Coalesce(Subquery(use, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(exact=1) | Q(score__gt=0))
        .order_by("-exact", "-score", "-use", "sort_key", "code")
    )
