"""The citizen's messages about their dossier, written when the lifecycle records an event.

`dossiers.signals.event_recorded` is sent inside the lifecycle's transaction, so each
message exists exactly when its event does: a rolled-back action leaves no message.
Events recorded with a time more than a day in the past (the demo's year 2022, an import
from an older system) are history, not news: nobody is told about them now.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from motcua.dossiers.models import Delivery, Dossier, DossierEvent, EventKind
from motcua.dossiers.signals import event_recorded
from motcua.ui.templatetags.vn import vntime_words

from .outbox import enqueue

# Which event sends which message to the applicant.
TEMPLATE_FOR_EVENT = {
    EventKind.SUBMIT: "dossier_submitted",
    EventKind.RECEIVE: "dossier_received",
    EventKind.ACCEPT: "dossier_received",
    EventKind.REQUEST_SUPPLEMENT: "supplement_requested",
    EventKind.MARK_RESULT_READY: "result_ready",
    EventKind.APOLOGISE_AND_RESCHEDULE: "late_apology",
}

HISTORY = timedelta(days=1)


def track_url(dossier: Dossier) -> str:
    """The public tracking page of a dossier (the receipt's QR code points there too)."""
    return f"{settings.SITE_URL}/track/{dossier.code}/"


def message_context(dossier: Dossier, event: DossierEvent) -> dict:
    """What the dossier message templates may use (listed in each template's `variables`)."""
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure.name,
        "agency": dossier.receiving_agency.name,
        "submitted_at": vntime_words(dossier.submitted_at),
        "received_at": vntime_words(dossier.received_at),
        "appointment": vntime_words(dossier.appointment_at),
        "delivery": dossier.get_delivery_display(),
        "online": dossier.delivery == Delivery.ONLINE,
        "track_url": track_url(dossier),
    }
    if event.kind == EventKind.REQUEST_SUPPLEMENT:
        context["items"] = event.payload.get("items", [])
        context["guidance"] = event.note
    if event.kind == EventKind.APOLOGISE_AND_RESCHEDULE:
        context["agency"] = dossier.handling_agency.name
        context["reason"] = event.note
        old = event.payload.get("old_appointment")
        context["old_appointment"] = vntime_words(datetime.fromisoformat(old)) if old else ""
    return context


@receiver(event_recorded, dispatch_uid="notify-applicant-messages")
def notify_applicant(sender, *, dossier: Dossier, event: DossierEvent, **kwargs) -> None:
    template = TEMPLATE_FOR_EVENT.get(event.kind)
    if template is None or not (dossier.applicant_email or dossier.applicant_phone):
        return
    if event.at < timezone.now() - HISTORY:
        return
    enqueue(
        template=template,
        context=message_context(dossier, event),
        to_email=dossier.applicant_email,
        to_phone=dossier.applicant_phone,
        dossier=dossier,
    )
