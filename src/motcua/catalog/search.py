"""Procedure search: accent- and đ-insensitive, ranked, identical on SQLite and PostgreSQL.

Matching runs on folded columns (`motcua.text.fold`) with plain substring tests, so both
databases give the same answer; the catalog has thousands of rows, not millions.
"""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from motcua.text import fold

from .models import Procedure

# Rank: lower is better.
CODE, PHRASE_IN_NAME, WORDS_IN_NAME, PHRASE_IN_TEXT, WORDS_IN_TEXT = range(5)


def search_procedures(
    query: str, procedures: QuerySet[Procedure] | None = None
) -> QuerySet[Procedure]:
    """Procedures matching every word of `query`, best first.

    A national code matches exactly; then the whole phrase in the name, every word in the
    name, the phrase in the description, and every word anywhere.

    >>> [p.name for p in search_procedures("dang ky ket hon")][:1]
    ['Đăng ký kết hôn']
    """
    procedures = Procedure.objects.all() if procedures is None else procedures
    phrase = fold(query)
    if not phrase:
        return procedures.none()
    words = phrase.split(" ")
    in_name = Q()
    anywhere = Q()
    for word in words:
        in_name &= Q(name_folded__contains=word)
        anywhere &= (
            Q(name_folded__contains=word)
            | Q(text_folded__contains=word)
            | Q(field__name_folded__contains=word)
        )
    code = query.strip()
    return (
        procedures.filter(Q(code=code) | anywhere)
        .annotate(
            rank=Case(
                When(code=code, then=Value(CODE)),
                When(name_folded__contains=phrase, then=Value(PHRASE_IN_NAME)),
                When(in_name, then=Value(WORDS_IN_NAME)),
                When(text_folded__contains=phrase, then=Value(PHRASE_IN_TEXT)),
                default=Value(WORDS_IN_TEXT),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "name_folded", "code")
    )
