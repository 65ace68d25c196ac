"""Each dossier event, in its own transaction, becomes the outbox messages of the webhook
subscribers and, when the national portal is configured, its status push."""

from django.dispatch import receiver

from motcua.dossiers.models import Dossier, DossierEvent, EventKind, Payment, PaymentStatus
from motcua.dossiers.signals import event_recorded

from . import national_portal, receipts, webhooks


@receiver(event_recorded, dispatch_uid="interop-webhooks")
def send_to_subscribers(sender, *, dossier: Dossier, event: DossierEvent, **kwargs) -> None:
    webhooks.enqueue_event(dossier, event)


@receiver(event_recorded, dispatch_uid="interop-national-portal")
def push_to_national_portal(sender, *, dossier: Dossier, event: DossierEvent, **kwargs) -> None:
    national_portal.on_event(dossier, event)


@receiver(event_recorded, dispatch_uid="interop-receipts")
def issue_receipt(sender, *, dossier: Dossier, event: DossierEvent, **kwargs) -> None:
    """A payment recorded as paid gets its electronic receipt in the same transaction."""
    if event.kind == EventKind.PAYMENT and event.payload.get("status") == PaymentStatus.PAID:
        payment = Payment.objects.get(reference=event.payload["reference"])
        receipts.issue(payment)
