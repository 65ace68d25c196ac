"""Who may see a dossier's private parts (files, payments): its applicant, and the staff of
an agency that receives or handles it."""

from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import visible_dossiers


def is_applicant(user, dossier: Dossier) -> bool:
    return user.is_authenticated and dossier.applicant_user_id == user.pk


def is_staff_for(user, dossier: Dossier) -> bool:
    return user.is_authenticated and visible_dossiers(user).filter(pk=dossier.pk).exists()


def may_see(user, dossier: Dossier) -> bool:
    return is_applicant(user, dossier) or is_staff_for(user, dossier)
