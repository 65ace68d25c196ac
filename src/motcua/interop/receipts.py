"""Electronic fee receipts (biên lai điện tử): one per paid payment, numbered in the
receiving agency's registered series, printable as PDF.

A receipt is issued in the transaction that records the payment in the dossier's history
(a receiver of `event_recorded`), so a paid fee never lacks its receipt and a number is
never given twice or skipped.

>>> receipt_for(payment).number
42
"""

from django.template.loader import render_to_string
from django.utils import timezone

from motcua.dossiers.models import Payment, PaymentStatus
from motcua.portal.payments.words import in_words
from motcua.printing.services import pdf

from .models import Receipt, ReceiptSeries


def series_for(agency) -> ReceiptSeries | None:
    """The active series of `agency` or of the nearest agency above it, locked."""
    ancestors = [agency.path[:end] for end in range(7, len(agency.path) + 1, 7)]
    return (
        ReceiptSeries.objects.select_for_update()
        .filter(active=True, agency__path__in=ancestors)
        .order_by("-agency__path", "pk")
        .first()
    )


def issue(payment: Payment) -> Receipt | None:
    """The receipt of a paid payment (the existing one when issued before); None when no
    series is registered for the agency (the desk then writes a paper receipt)."""
    if payment.status != PaymentStatus.PAID:
        return None
    existing = Receipt.objects.filter(payment=payment).first()
    if existing:
        return existing
    series = series_for(payment.dossier.receiving_agency)
    if series is None:
        return None
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return Receipt.objects.create(
        series=series, number=series.last_number, payment=payment, issued_at=timezone.now()
    )


def receipt_pdf(receipt: Receipt, gateway_label: str) -> bytes:
    payment = receipt.payment
    html = render_to_string(
        "interop/receipt_pdf.html",
        {
            "receipt": receipt,
            "payment": payment,
            "dossier": payment.dossier,
            "in_words": in_words(payment.amount),
            "gateway": gateway_label,
        },
    )
    return pdf(html)
