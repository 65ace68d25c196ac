"""`{% answers_of dossier as answers %}`: a dossier's declaration answers, for reading."""

from django import template

from motcua.catalog.eforms import answer_rows

register = template.Library()


@register.simple_tag
def answers_of(dossier) -> list:
    return answer_rows(dossier.procedure_version.data.get("form_fields", []), dossier.form_data)
