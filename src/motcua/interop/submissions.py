"""Dossiers filed by other systems through the API, exactly once per `Idempotency-Key`.

>>> dossier, replayed = file_dossier(client, key="a1", data=request_body)
>>> file_dossier(client, key="a1", data=request_body) == (dossier, True)
True
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency

from .models import ApiClient, Submission


class KeyReused(InvalidInput):
    """The key was used before for another request body."""

    def __init__(self):
        super().__init__(
            {"Idempotency-Key": "Khóa này đã dùng cho một yêu cầu khác; hãy dùng khóa mới."}
        )


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _replay(client: ApiClient, key: str, digest: str) -> Dossier | None:
    earlier = Submission.objects.filter(client=client, idempotency_key=key).first()
    if earlier is None:
        return None
    if earlier.request_sha256 != digest:
        raise KeyReused()
    return earlier.dossier


def file_dossier(client: ApiClient, *, key: str, data: dict) -> tuple[Dossier, bool]:
    """Submit the dossier described by `data` (the API's request body) for `client`, or,
    when `key` was seen before with the same body, return that dossier; True if replayed.

    The dossier is an online submission (`lifecycle.submit`) that the desk then accepts.
    Raises InvalidInput naming the bad field; KeyReused when the body differs."""
    digest = _digest(data)
    dossier = _replay(client, key, digest)
    if dossier is not None:
        return dossier, True
    procedure = Procedure.objects.filter(code=data["procedure"]).first()
    if procedure is None:
        raise InvalidInput({"procedure": f"Không có thủ tục mã {data['procedure']}."})
    agency = Agency.objects.in_force().filter(code=data["agency"]).first()
    if agency is None or not client.covers(agency):
        raise InvalidInput({"agency": f"Không có cơ quan mã {data['agency']} trong phạm vi."})
    applicant = data["applicant"]
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                client=client,
                idempotency_key=key,
                request_sha256=digest,
                external_id=data.get("external_id") or "",
                created_at=timezone.now(),
            )
            dossier = lifecycle.submit(
                applicant_user=client.user,
                procedure=procedure,
                agency=agency,
                applicant=Applicant(
                    kind=applicant.get("kind") or "individual",
                    name=applicant["name"],
                    id_number=applicant["id_number"],
                    phone=applicant.get("phone") or "",
                    email=applicant.get("email") or "",
                    address=applicant.get("address") or "",
                    birth_date=applicant.get("birth_date"),
                ),
                documents_received=[],
                delivery=data.get("delivery") or "online",
                form_data=data.get("form_data") or {},
            )
            submission.dossier = dossier
            submission.save(update_fields=["dossier"])
    except IntegrityError:
        # A concurrent request with the same key committed first: answer its dossier.
        dossier = _replay(client, key, digest)
        if dossier is None:
            raise
        return dossier, True
    return dossier, False
