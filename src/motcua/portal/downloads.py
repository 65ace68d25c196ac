"""Downloading a dossier's files: only its applicant and the staff who may see it.

Anyone else gets 404, whether or not the file exists. The applicant gets the result only
once it is ready: a draft result attached during handling stays inside the office. The
result handed out is the one signed at approval (`signing.services.issued_result`).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from motcua.dossiers.models import Dossier, DossierFile, FileKind, Status
from motcua.security.privacy import record_access
from motcua.signing.services import issued_result

from . import access
from .apply.uploads import serve

RESULT_STATUSES = (Status.RESULT_READY, Status.RETURNED)


def result_available(dossier: Dossier) -> bool:
    """The applicant may take the electronic result."""
    return dossier.status in RESULT_STATUSES


def _may_download(user, file: DossierFile) -> bool:
    dossier = file.dossier
    if access.is_staff_for(user, dossier):
        return True
    if not access.is_applicant(user, dossier):
        return False
    return file.kind != FileKind.RESULT or result_available(dossier)


@login_required
def dossier_file(request, pk: int):
    """`/files/<pk>/`: one file of a dossier, under its original name."""
    file = get_object_or_404(DossierFile.objects.select_related("dossier", "blob"), pk=pk)
    if not _may_download(request.user, file):
        raise Http404("Không có tệp này.")
    if file.dossier.applicant_user_id != request.user.pk:
        record_access(request.user, file.dossier, file_name=file.name)
    return serve(file.blob, file.name)


@login_required
def result(request, code: str):
    """`/track/<code>/result/`: the dossier's electronic result."""
    dossier = get_object_or_404(Dossier, code=code)
    file = issued_result(dossier)
    if file is None or not _may_download(request.user, file):
        raise Http404("Chưa có kết quả điện tử.")
    return serve(file.blob, file.name)
