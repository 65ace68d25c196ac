"""Fee payments of a dossier: start one, settle it from a gateway's answer, expire the
abandoned ones, refund it.

Only these functions write `Payment` rows. A settled payment is recorded in the dossier's
history through `lifecycle.record_payment`; the dossier's status never changes for it.
Settling is idempotent: a gateway may report the same payment twice (return and IPN).
An attempt nobody finished at the gateway expires when the gateway's page does.

>>> payment = start_payment(dossier, provider="test", expires_in=timedelta(minutes=15))
>>> settle(payment.reference, amount=payment.amount, success=True).changed
True
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from motcua.org.access import may
from motcua.org.models import Role

from . import lifecycle
from .errors import DossierStateError, InvalidInput, NotAllowed
from .models import OPEN_STATUSES, Dossier, Payment, PaymentStatus, Status


class PaymentNotFound(InvalidInput):
    """No payment has this reference."""

    def __init__(self, reference: str):
        super().__init__({"reference": f"Không có giao dịch {reference}."})


class AmountMismatch(InvalidInput):
    """The gateway reports another amount than the payment asked for."""

    def __init__(self):
        super().__init__({"amount": "Số tiền không khớp với khoản cần thanh toán."})


@dataclass(frozen=True)
class Settlement:
    payment: Payment
    changed: bool  # False when the payment had already been settled (a repeated callback)


def paid_amount(dossier: Dossier) -> int:
    """What the applicant has paid for the dossier and not been refunded."""
    paid = dossier.payments.filter(status=PaymentStatus.PAID).aggregate(total=Sum("amount"))
    return paid["total"] or 0


def amount_due(dossier: Dossier) -> int:
    """What is still to pay: the fee less what was paid; nothing for a closed dossier.

    A returned dossier may still owe its fee (paid at the desk when collecting the result)."""
    if dossier.status not in (*OPEN_STATUSES, Status.RETURNED):
        return 0
    return max(dossier.fee_amount - paid_amount(dossier), 0)


def _reference(at: datetime) -> str:
    # Gateways want short alphanumeric references, unique per merchant.
    return f"MC{timezone.localtime(at):%y%m%d}{secrets.token_hex(5).upper()}"


@transaction.atomic
def start_payment(
    dossier: Dossier, *, provider: str, expires_in: timedelta, at: datetime | None = None
) -> Payment:
    """A pending online payment of what the dossier still owes, through `provider`, whose
    page takes it for `expires_in` (the gateway's timeout)."""
    at = at or timezone.now()
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    amount = amount_due(dossier)
    if amount <= 0:
        raise DossierStateError("Hồ sơ này không còn khoản phí, lệ phí nào cần thanh toán.")
    return Payment.objects.create(
        dossier=dossier,
        amount=amount,
        online=True,
        provider=provider,
        reference=_reference(at),
        created_at=at,
        expires_at=at + expires_in,
    )


def expire_abandoned(dossier: Dossier, *, at: datetime | None = None) -> int:
    """Mark the dossier's pending payments whose gateway page has timed out as expired;
    returns how many. Call it before showing the payments: an abandoned attempt is never
    shown as a fee still waiting to be paid.

    >>> expire_abandoned(dossier, at=payment.expires_at)
    1
    """
    return dossier.payments.filter(
        status=PaymentStatus.PENDING, expires_at__lte=at or timezone.now()
    ).update(status=PaymentStatus.EXPIRED)


@transaction.atomic
def settle(
    reference: str,
    *,
    amount: int,
    success: bool,
    provider_reference: str = "",
    provider: str | None = None,
    at: datetime | None = None,
) -> Settlement:
    """Apply a gateway's verified answer to the pending payment `reference`.

    Raises PaymentNotFound (also when the payment went through another `provider`) or
    AmountMismatch, and nothing changes; an already settled payment is returned unchanged.
    A success for an expired attempt still pays it: the gateway took the money.
    """
    at = at or timezone.now()
    payment = Payment.objects.select_for_update().filter(reference=reference).first()
    if payment is None or (provider is not None and payment.provider != provider):
        raise PaymentNotFound(reference)
    if payment.amount != amount:
        raise AmountMismatch()
    late = payment.status == PaymentStatus.EXPIRED and success
    if payment.status != PaymentStatus.PENDING and not late:
        return Settlement(payment, changed=False)
    payment.provider_reference = provider_reference[:100]
    if success:
        payment.status = PaymentStatus.PAID
        payment.paid_at = at
    else:
        payment.status = PaymentStatus.FAILED
    payment.save()
    if success:
        lifecycle.record_payment(payment.dossier, payment=payment, at=at)
    return Settlement(payment, changed=True)


def check_refund(payment: Payment, actor) -> None:
    """Raise unless `actor` (the desk of the receiving agency) may refund this paid payment."""
    dossier = payment.dossier
    if not any(
        may(actor, role, dossier.receiving_agency) for role in (Role.RECEIVER, Role.RETURNER)
    ):
        raise NotAllowed("Bạn không có quyền hoàn tiền cho hồ sơ này.")
    if payment.status != PaymentStatus.PAID:
        raise DossierStateError("Chỉ hoàn tiền được cho khoản đã thanh toán.")


@transaction.atomic
def mark_refunded(payment: Payment, *, actor, at: datetime | None = None) -> Payment:
    """Record that the gateway gave the money back (call after the gateway agreed)."""
    at = at or timezone.now()
    payment = Payment.objects.select_for_update().select_related("dossier").get(pk=payment.pk)
    check_refund(payment, actor)
    payment.status = PaymentStatus.REFUNDED
    payment.refunded_at = at
    payment.save()
    lifecycle.record_payment(payment.dossier, payment=payment, at=at)
    return payment
