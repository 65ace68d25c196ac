"""The public verify page: anyone uploads a PDF, or follows the QR code printed on a result,
and sees each signature (who, when, intact, trusted) and whether the file is the one the
agency issued. It shows the dossier code, procedure and agency, never the applicant."""

import hashlib

from django.shortcuts import render

from motcua.dossiers.files import read_blob

from .errors import SigningError
from .forms import VerifyForm
from .services import configured_trust_roots, find_issuance, issuance_by_code, verify_pdf


def verify(request):
    """`/verify/` (upload) and `/verify/?code=<dossier code>&sha256=<hash>` (the QR code)."""
    code = request.GET.get("code", "").strip()
    sha256 = request.GET.get("sha256", "").strip().lower()
    form = VerifyForm(request.POST or None, request.FILES or None, initial={"code": code})
    context = {"form": form, "code": code}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            context |= _uploaded(form.cleaned_data["file"], form.cleaned_data["code"].strip())
        else:
            status = 400
    elif code and sha256:
        issuance = issuance_by_code(code, sha256)
        context |= {"lookup": True, "issuance": issuance}
        if issuance is not None:
            context |= _reports(read_blob(issuance.file.blob))
    return render(request, "signing/verify.html", context, status=status)


def _uploaded(content: bytes, code: str) -> dict:
    sha256 = hashlib.sha256(content).hexdigest()
    issuance = find_issuance(sha256)
    return {
        "checked": True,
        "sha256": sha256,
        "issuance": issuance,
        "code": code,
        "code_mismatch": bool(code) and (issuance is None or issuance.dossier.code != code.upper()),
    } | _reports(content)


def _reports(content: bytes) -> dict:
    try:
        reports = verify_pdf(content, configured_trust_roots())
    except SigningError as error:
        return {"reports": [], "problem": error.message}
    return {"reports": reports, "broken": any(report.broken for report in reports)}
