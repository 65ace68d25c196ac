"""Render the forms: a stored template and a context become HTML, then a PDF.

>>> pdf_bytes = dossier_form_pdf(dossier, "01")   # the receipt and appointment
>>> book = tracking_book_pdf(district, date(2025, 3, 1), date(2025, 3, 31))
"""

from datetime import date

from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency

from .contexts import apology_context, receipt_context, refusal_context, supplement_context
from .control_slip import control_slip_context
from .errors import TemplateMissing
from .models import FormTemplate
from .tracking_book import tracking_book_context

# The dossier forms and what fills them.
DOSSIER_FORMS = {
    "01": receipt_context,
    "02": supplement_context,
    "03": refusal_context,
    "04": apology_context,
    "05": control_slip_context,
}
TRACKING_BOOK = "06"

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
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=2)
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher).write_pdf()


def dossier_form_html(dossier: Dossier, code: str) -> str:
    """Form `code` (01-05) of `dossier` as HTML; FormNotApplicable if it has none."""
    if code not in DOSSIER_FORMS:
        raise KeyError(f"no dossier form {code!r}")
    return render_form(code, DOSSIER_FORMS[code](dossier))


def dossier_form_pdf(dossier: Dossier, code: str) -> bytes:
    """Form `code` (01-05) of `dossier` as PDF; FormNotApplicable if it has none."""
    return pdf(dossier_form_html(dossier, code))


def tracking_book_pdf(agency: Agency, start: date, end: date) -> bytes:
    """The tracking book (form 06) of `agency`'s subtree for dossiers received start..end."""
    return pdf(render_form(TRACKING_BOOK, tracking_book_context(agency, start, end)))
