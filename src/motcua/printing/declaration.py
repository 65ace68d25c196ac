"""The declaration (tờ khai) of a procedure as the official PDF: blank, to download from the
procedure's page and fill by hand, or filled with a dossier's answers.

Its title, legal template (e.g. Circular 04/2020/TT-BTP's birth registration declaration)
and commitment sentence are the procedure's data (`Procedure.declaration`); its questions
are the declared fields. Layout: A4, Decree 30/2020/NĐ-CP margins, Liberation Serif 13 pt.

>>> pdf = declaration_pdf(dossier.procedure_version.data, dossier=dossier)
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from motcua.catalog.eforms import answer_rows, layout
from motcua.dossiers.models import Dossier

from .services import PAGES, pdf

DEFAULT_COMMITMENT = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
    "pháp luật về cam đoan của mình."
)


def declaration_html(data: dict, *, dossier: Dossier | None = None) -> str:
    """The declaration of the version `data` (its snapshot), with `dossier`'s answers if given."""
    declaration = data.get("declaration") or {}
    specs = data.get("form_fields", [])
    context = {
        "title": declaration.get("title") or f"TỜ KHAI {data['name'].upper()}",
        "source": declaration.get("source", ""),
        "commitment": declaration.get("commitment") or DEFAULT_COMMITMENT,
        "procedure": data,
        "dossier": dossier,
        "addressee": dossier.handling_agency.name if dossier else "",
        "answers": answer_rows(specs, dossier.form_data) if dossier else [],
        # A form that asks the applicant's own name itself needs no separate requester block.
        "requester_block": not any(s.get("prefill") == "applicant_name" for s in specs),
        "blank": _blank_rows(specs) if dossier is None else [],
    }
    body = render_to_string("printing/forms/declaration.html", context)
    size, margin, body_class = PAGES["A4"]
    return render_to_string(
        "printing/forms/_document.html",
        {
            "title": context["title"],
            "page_size": size,
            "page_margin": margin,
            "body_class": body_class,
            "body": mark_safe(body),  # rendered by Django's escaping templates above
        },
    )


def _blank_rows(specs: list[dict]) -> list[tuple[str, list]]:
    """Sections of (label, choices) to print with dotted lines; a group gets three rows."""
    return [
        (
            title,
            [
                (item["label"], item.get("choices", []))
                if isinstance(item, dict)
                else ("group", [c["label"] for c in item[1]], [[""] * len(item[1])] * 3)
                for item in items
            ],
        )
        for title, items in layout(specs)
    ]


def declaration_pdf(data: dict, *, dossier: Dossier | None = None) -> bytes:
    return pdf(declaration_html(data, dossier=dossier))
