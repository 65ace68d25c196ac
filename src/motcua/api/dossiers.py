"""Dossiers for other systems: file one (idempotent), read it, its events, documents and
result. Every endpoint needs a client's bearer token; a dossier outside the client's
agencies is 404, as if it did not exist."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Q
from django.http import FileResponse
from ninja import File, Form, Header, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status as Answer
from pydantic import Field

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierStateError, InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier, DossierFile, FileKind, Status
from motcua.interop.models import ApiClient
from motcua.interop.submissions import file_dossier
from motcua.portal.apply.uploads import clean_name, serve

from .auth import ClientToken, require
from .contract import LINES, PRINTABLE, CodePath
from .errors import Error, invalid

router = Router(tags=["dossiers"], auth=ClientToken())

RESULT_STATUSES = (Status.APPROVED, Status.RESULT_READY, Status.RETURNED)


class ApplicantIn(Schema):
    kind: Literal["individual", "organisation"] = "individual"
    name: str = Field(min_length=1, max_length=255, pattern=PRINTABLE)
    id_number: str = Field(
        min_length=1, max_length=20, pattern=PRINTABLE, description="CCCD (12 số) hoặc mã số thuế"
    )
    phone: str = Field("", max_length=20, pattern=PRINTABLE)
    email: str = Field("", max_length=254, pattern=PRINTABLE)
    address: str = Field("", max_length=500, pattern=PRINTABLE)
    birth_date: date | None = None


class DossierIn(Schema):
    procedure: str = Field(
        min_length=1, max_length=30, pattern=PRINTABLE, description="Mã thủ tục, ví dụ 1.001193"
    )
    agency: str = Field(
        min_length=1, max_length=30, pattern=PRINTABLE, description="Mã cơ quan tiếp nhận"
    )
    channel: Literal["online"] = "online"
    delivery: Literal["desk", "post", "online"] = "online"
    external_id: str = Field(
        "", max_length=100, pattern=PRINTABLE, description="Mã hồ sơ ở hệ thống gửi"
    )
    applicant: ApplicantIn
    form_data: dict[
        Annotated[str, Field(max_length=50, pattern=PRINTABLE)],
        Annotated[str, Field(max_length=4000, pattern=LINES)],
    ] = Field(default_factory=dict, max_length=100)


class DossierOut(Schema):
    code: str
    status: str
    status_name: str
    procedure: str
    agency: str
    handling_agency: str
    channel: str
    external_id: str
    applicant_name: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    appointment_at: datetime | None
    finished_at: datetime | None
    outcome: str


class EventOut(Schema):
    sequence: int
    at: datetime
    kind: str
    from_status: str
    to_status: str
    agency: str | None
    note: str
    public: bool


class RequiredDocumentOut(Schema):
    order: int
    name: str
    form: str
    mandatory: bool
    received: bool


class FileOut(Schema):
    id: int
    kind: str
    document_order: int | None
    name: str
    sha256: str
    size: int
    content_type: str
    uploaded_at: datetime


class DocumentsOut(Schema):
    required: list[RequiredDocumentOut]
    files: list[FileOut]


def dossier_out(dossier: Dossier) -> dict:
    submission = getattr(dossier, "submission", None)
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_name": dossier.get_status_display(),
        "procedure": dossier.procedure.code,
        "agency": dossier.receiving_agency.code,
        "handling_agency": dossier.handling_agency.code,
        "channel": dossier.channel,
        "external_id": submission.external_id if submission else "",
        "applicant_name": dossier.applicant_name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "appointment_at": dossier.appointment_at,
        "finished_at": dossier.finished_at,
        "outcome": dossier.outcome,
    }


def file_out(attached: DossierFile) -> dict:
    return {
        "id": attached.pk,
        "kind": attached.kind,
        "document_order": attached.document_order,
        "name": attached.name,
        "sha256": attached.blob.sha256,
        "size": attached.blob.size,
        "content_type": attached.blob.content_type,
        "uploaded_at": attached.uploaded_at,
    }


def visible_dossier(client: ApiClient, code: str) -> Dossier:
    """The dossier `code` if it was received or is handled in the client's agencies; else 404."""
    path = client.agency.path
    dossier = (
        Dossier.objects.select_related(
            "procedure", "receiving_agency", "handling_agency", "submission"
        )
        .filter(code=code)
        .filter(
            Q(receiving_agency__path__startswith=path) | Q(handling_agency__path__startswith=path)
        )
        .first()
    )
    if dossier is None:
        raise HttpError(404, "Không tìm thấy hồ sơ.")
    return dossier


READ_ERRORS = {401: Error, 403: Error, 404: Error, 422: Error}


@router.post(
    "",
    response={200: DossierOut, 201: DossierOut, 401: Error, 403: Error, 422: Error},
    summary="Nộp hồ sơ (một lần cho mỗi Idempotency-Key)",
)
def create_dossier(
    request,
    body: DossierIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=1, max_length=255),
):
    """Files an online dossier that the agency's desk then accepts. 201 with the new
    dossier; the same `Idempotency-Key` with the same body again answers 200 with that same
    dossier (never a second one); with another body, 422. Bad input: 422 naming the field."""
    client = require(request, "write")
    try:
        dossier, replayed = file_dossier(client, key=idempotency_key, data=body.dict())
    except InvalidInput as error:
        return invalid(error, prefix="body")
    dossier = visible_dossier(client, dossier.code)
    return Answer(200 if replayed else 201, dossier_out(dossier))


@router.get("/{code}", response={200: DossierOut, **READ_ERRORS}, summary="Thông tin hồ sơ")
def dossier_detail(request, code: CodePath):
    client = require(request, "read")
    return dossier_out(visible_dossier(client, code))


@router.get(
    "/{code}/events", response={200: list[EventOut], **READ_ERRORS}, summary="Quá trình xử lý"
)
def dossier_events(request, code: CodePath):
    client = require(request, "read")
    dossier = visible_dossier(client, code)
    return [
        {
            "sequence": e.sequence,
            "at": e.at,
            "kind": e.kind,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "agency": e.agency.code if e.agency_id else None,
            "note": e.note,
            "public": e.public,
        }
        for e in dossier.events.select_related("agency").order_by("sequence")
    ]


@router.get(
    "/{code}/documents",
    response={200: DocumentsOut, **READ_ERRORS},
    summary="Thành phần hồ sơ và tệp đã nộp",
)
def dossier_documents(request, code: CodePath):
    client = require(request, "read")
    dossier = visible_dossier(client, code)
    return {
        "required": list(dossier.documents.all()),
        "files": [file_out(f) for f in dossier.files.select_related("blob")],
    }


@router.post(
    "/{code}/documents",
    response={201: FileOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Tải lên một thành phần hồ sơ (PDF, JPEG, PNG)",
)
def upload_document(
    request,
    code: CodePath,
    file: File[UploadedFile],
    document_order: int = Form(..., ge=1, le=99),
):
    """Checked by content as on the portal: PDF, JPEG or PNG, at most
    MOTCUA_UPLOAD_MAX_BYTES. Only while the dossier waits for acceptance or was received,
    and only for dossiers the client filed; 409 in another status."""
    client = require(request, "write")
    dossier = visible_dossier(client, code)
    content = file.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1)
    try:
        attached = lifecycle.attach_file(
            dossier,
            actor=client.user,
            kind=FileKind.DOCUMENT,
            content=content,
            name=clean_name(file.name),
            document_order=document_order,
        )
    except InvalidInput as error:
        return invalid(error, prefix="form")
    except NotAllowed as error:
        raise HttpError(403, error.message) from None
    except DossierStateError as error:
        raise HttpError(409, error.message) from None
    return Answer(201, file_out(attached))


@router.get(
    "/{code}/result",
    response={200: None, **READ_ERRORS},
    summary="Kết quả giải quyết (tệp PDF đã ký số)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp kết quả",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def dossier_result(request, code: CodePath) -> FileResponse:
    """The latest result file, once the result is approved; 404 before."""
    client = require(request, "read")
    dossier = visible_dossier(client, code)
    result = (
        dossier.files.filter(kind=FileKind.RESULT)
        .select_related("blob")
        .order_by("-uploaded_at", "-pk")
        .first()
        if dossier.status in RESULT_STATUSES
        else None
    )
    if result is None:
        raise HttpError(404, "Hồ sơ chưa có kết quả.")
    return serve(result.blob, result.name)
