"""A result enters its owner's store the moment it is signed (the approval's event)."""

from django.dispatch import receiver

from motcua.dossiers.models import DossierFile
from motcua.dossiers.signals import event_recorded

from .services import keep_result


@receiver(event_recorded, dispatch_uid="store-keeps-signed-results")
def keep_signed_result(sender, dossier, event, **kwargs):
    if event.kind != "approve" or not event.payload.get("result_file"):
        return
    if not event.payload.get("signed_result_sha256"):
        return
    keep_result(DossierFile.objects.select_related("dossier").get(pk=event.payload["result_file"]))
