"""Personal data: who read it, what an applicant can take away, and when it is erased.

Law on Personal Data Protection 91/2025/QH15 (in force 1/1/2026): Art. 2 cl. 1 (personal
data), Art. 4 (the data subject's rights: to know, to view, to be given and to have erased
their data); Decree 356/2025/NĐ-CP Art. 3 (basic personal data: name, birth date, phone,
ID number, address...) and Art. 4 (sensitive data: images of identity cards among them).
See docs/security.md for what is verified.

>>> record_access(staff_user, dossier)
>>> export_for(citizen)["dossiers"][0]["code"]
'000.21.21.H56-250303-0001'
>>> erase_due(now)
12
"""

import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier

from .models import AccessRecord

RETENTION_FILE = Path(__file__).parent / "data" / "retention.toml"


def record_access(user, dossier: Dossier, *, file_name: str = "", what: str = "") -> None:
    """Note that `user` opened `dossier` (or one of its files)."""
    AccessRecord.objects.create(
        at=_now(),
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        what=what or (AccessRecord.What.FILE if file_name else AccessRecord.What.DOSSIER),
        dossier_id=dossier.pk,
        dossier_code=dossier.code,
        agency_id=dossier.handling_agency_id,
        file_name=file_name[:255],
    )


def _now() -> datetime:
    from django.utils import timezone

    return timezone.now()


def prune_access_log(now: datetime) -> int:
    """Delete access records older than MOTCUA_ACCESS_LOG_DAYS; how many."""
    cutoff = now - timedelta(days=settings.MOTCUA_ACCESS_LOG_DAYS)
    return AccessRecord.objects.filter(at__lt=cutoff).delete()[0]


def export_for(user) -> dict:
    """Everything the system holds on `user` as an applicant, as JSON-ready data."""
    profile = getattr(user, "citizen_profile", None)
    dossiers = Dossier.objects.filter(applicant_user=user).select_related("procedure")
    return {
        "account": {
            "username": user.get_username(),
            "full_name": user.first_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": {
            "phone": profile.phone,
            "id_number": profile.id_number,
            "birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
            "address": profile.address,
        }
        if profile
        else None,
        "dossiers": [
            {
                "code": dossier.code,
                "procedure": dossier.procedure.name,
                "status": dossier.get_status_display(),
                "submitted_at": dossier.submitted_at.isoformat() if dossier.submitted_at else None,
                "applicant": {
                    "name": dossier.applicant_name,
                    "id_number": dossier.applicant_id_number,
                    "birth_date": dossier.applicant_birth_date.isoformat()
                    if dossier.applicant_birth_date
                    else None,
                    "phone": dossier.applicant_phone,
                    "email": dossier.applicant_email,
                    "address": dossier.applicant_address,
                },
                "form": dossier.form_data,
                "files": [file.name for file in dossier.files.all()],
                "history": [
                    {"at": event.at.isoformat(), "what": event.get_kind_display()}
                    for event in dossier.events.filter(public=True).order_by("sequence")
                ],
            }
            for dossier in dossiers
        ],
        "drafts": [
            {
                "procedure": draft.procedure.name,
                "applicant": draft.applicant,
                "form": draft.form_data,
            }
            for draft in user.drafts.select_related("procedure")
        ],
    }


def retention_years() -> dict[str, int]:
    with RETENTION_FILE.open("rb") as file:
        return tomllib.load(file)["years"]


def due_for_erasure(now: datetime):
    """Finished dossiers whose retention period for their outcome has passed and whose
    personal data is still there."""
    condition = Q(pk__in=[])
    for outcome, years in retention_years().items():
        cutoff = (
            now.replace(year=now.year - years)
            if now.month != 2 or now.day != 29
            else (now - timedelta(days=365 * years))
        )
        condition |= Q(outcome=outcome, finished_at__lt=cutoff)
    return Dossier.objects.filter(condition).exclude(applicant_name=lifecycle.records.ERASED_NAME)


def erase_due(now: datetime) -> int:
    """Erase the personal data of every dossier past its retention; how many."""
    erased = 0
    for dossier in due_for_erasure(now).order_by("pk").iterator(chunk_size=500):
        years = retention_years()[dossier.outcome]
        lifecycle.erase_personal_data(
            dossier, reason=f"Hết thời hạn lưu dữ liệu cá nhân ({years} năm)", at=now
        )
        erased += 1
    return erased
