"""Render the forms: a stored template and a context become HTML, then a PDF.

A dossier prints the forms of its rule set (`motcua.rules`): form "05" of a dossier
received in 2022 is the control slip of Circular 01/2018, of one received in 2026 the
notice of stopping handling of Circular 03/2025.

>>> pdf_bytes = dossier_form_pdf(dossier, "01")   # the receipt and appointment
>>> book = tracking_book_pdf(district, date(2025, 3, 1), date(2025, 3, 31))
"""

from datetime import date

from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.rules.lookup import rule_set_for, rule_set_on
from motcua.rules.models import RuleSet

from .contexts import (
    apology_context,
    receipt_context,
    refusal_context,
    stop_context,
    supplement_context,
)
from .control_slip import control_slip_context
from .errors import FormNotApplicable, TemplateMissing
from .models import FormTemplate
from .shipped import number
from .tracking_book import tracking_book_context

# What fills each role of a rule set's forms (the tracking book is per agency, not dossier).
DOSSIER_FORMS = {
    "receipt": receipt_context,
    "supplement": supplement_context,
    "refusal": refusal_context,
    "apology": apology_context,
    "stop": stop_context,
    "control_slip": control_slip_context,
}
# Form numbers a dossier may print, in any shipped set.
FORM_NUMBERS = ("01", "02", "03", "04", "05", "06", "07", "TB")

# CSS page size, margins (top right bottom left: the binding edge is wider) and the class
# of <body> that sets the type size (Decree 30/2020/NĐ-CP: 13-14 pt on A4; less on A5).
PAGES = {
    "A5": ("A5 portrait", "10mm 10mm 10mm 15mm", "a5"),
    "A4": ("A4 portrait", "20mm 15mm 20mm 30mm", "a4"),
    "A4 landscape": ("A4 landscape", "18mm 12mm 15mm 15mm", "a4-landscape"),
}


def render_form(code: str, context: dict) -> str:
    """The stored template `code` rendered with `context`, as a whole HTML document."""
    template = FormTemplate.objects.filter(code=code).first()
    if template is None:
        raise TemplateMissing(f"Chưa có mẫu số {code} trong cơ sở dữ liệu (chạy migrate).")
    body = Template(template.body).render(Context(context))
    size, margin, body_class = PAGES.get(template.paper, PAGES["A5"])
    return render_to_string(
        "printing/forms/_document.html",
        {
            "title": template.name,
            "page_size": size,
            "page_margin": margin,
            "body_class": body_class,
            "body": mark_safe(body),  # escaped when it was rendered above
        },
    )


def pdf(html: str) -> bytes:
    """Print HTML to PDF. Only `data:` URLs are fetched: an edited template cannot make the
    server read its own files or call other hosts; links resolve against SITE_URL."""
    # WeasyPrint (with Pango and fontTools) takes about two seconds to import: loaded when the
    # first PDF is printed, not by every process that imports the apps (migrate, the worker).
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=2)
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher).write_pdf()


def form_role(rule_set: RuleSet, form_number: str) -> tuple[str, str]:
    """(role, template code) of form number `form_number` ("05") in `rule_set`."""
    for role, code in rule_set.forms.items():
        if number(code) == form_number:
            return role, code
    raise FormNotApplicable(f"{rule_set.forms_circular} không có mẫu số {form_number}.")


def dossier_form_html(dossier: Dossier, form_number: str) -> str:
    """Form `form_number` ("01") of `dossier`'s rule set as HTML; FormNotApplicable if the
    set has no such dossier form or the dossier has nothing to print on it."""
    role, code = form_role(rule_set_for(dossier), form_number)
    if role not in DOSSIER_FORMS:
        raise FormNotApplicable(f"Mẫu số {form_number} không in theo từng hồ sơ.")
    return render_form(code, DOSSIER_FORMS[role](dossier))


def dossier_form_pdf(dossier: Dossier, form_number: str) -> bytes:
    """Form `form_number` of `dossier` as PDF; FormNotApplicable if it has none."""
    return pdf(dossier_form_html(dossier, form_number))


def tracking_book_pdf(agency: Agency, start: date, end: date) -> bytes:
    """The tracking book of `agency`'s subtree for dossiers received start..end, in the
    form of the rule set in force on `end`."""
    code = rule_set_on(end).forms["tracking_book"]
    return pdf(render_form(code, tracking_book_context(agency, start, end)))
