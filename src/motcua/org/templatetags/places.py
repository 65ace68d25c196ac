"""`{{ dossier|applicant_address }}`: the address as written, with the unit now in charge
when the address names units changed by a re-organisation before the dossier's date."""

from django import template
from django.utils import timezone

from motcua.org import places

register = template.Library()


@register.filter
def applicant_address(dossier) -> str:
    """ "Ấp Hòa Đông, xã Hòa Hiệp, huyện Tân Biên (nay là xã Phước Vinh, tỉnh Tây Ninh)";
    "—" when there is no address. A 2022 dossier prints as it was written then."""
    address = dossier.applicant_address
    if not address:
        return "—"
    moment = dossier.received_at or dossier.submitted_at
    now = places.current_address(address, timezone.localdate(moment) if moment else None)
    return f"{address} (nay là {now})" if now else address
