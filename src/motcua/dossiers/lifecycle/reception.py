"""A dossier comes in: received at the desk, refused there, submitted online, accepted."""

from datetime import datetime

from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import current_version, receives_at
from motcua.org.access import may
from motcua.org.models import Agency, Role

from ..applicants import Applicant
from ..errors import InvalidInput, NotAllowed
from ..models import Channel, Delivery, Dossier, EventKind
from . import handovers, steps
from .rules import begin, moment, operation
from .store import DATABASE


def missing_mandatory(documents: list[dict], received) -> list[str]:
    """Names of the mandatory documents (a version's `documents`) not among the 1-based
    positions `received`."""
    received = {int(position) for position in received}
    return [
        d["name"] for i, d in enumerate(documents, start=1) if d["mandatory"] and i not in received
    ]


def missing_documents_message(names: list[str]) -> str:
    return "Còn thiếu giấy tờ bắt buộc: " + "; ".join(names) + "."


def _admissible(
    *,
    procedure: Procedure,
    version: ProcedureVersion,
    agency: Agency,
    handling_agency: Agency | None,
    documents_received,
    channel: str,
    delivery: str,
    sets: int = 1,
    fee_amount: int | None = None,
) -> None:
    """Raise InvalidInput unless a dossier of `procedure` may be opened at `agency`."""
    if not procedure.active:
        raise InvalidInput({"procedure": "Thủ tục này không còn áp dụng."})
    if procedure.boundary_free and channel != Channel.ONLINE:
        # Any centre of the province receives it (Decree 118/2025/NĐ-CP).
        handovers.check_anywhere(procedure, agency, handling_agency)
    elif not receives_at(procedure, agency):
        raise InvalidInput({"procedure": f"{agency} không tiếp nhận thủ tục “{procedure.name}”."})
    elif handling_agency is not None and not handling_agency.path.startswith(agency.path):
        raise InvalidInput({"handling_agency": "Cơ quan giải quyết phải thuộc cơ quan tiếp nhận."})
    if channel not in Channel.values or delivery not in Delivery.values:
        raise InvalidInput({"channel": "Kênh nộp hoặc hình thức nhận kết quả không hợp lệ."})
    if not 1 <= sets <= 99:
        raise InvalidInput({"sets": "Số bộ hồ sơ phải từ 1 đến 99."})
    if fee_amount is not None and fee_amount < 0:
        raise InvalidInput({"fee_amount": "Lệ phí không được âm."})
    if not set(documents_received) <= set(range(1, len(version.data["documents"]) + 1)):
        raise InvalidInput({"documents": "Danh sách giấy tờ không khớp thủ tục."})


def _receiver(actor, agency: Agency) -> None:
    if not may(actor, Role.RECEIVER, agency):
        raise NotAllowed(f"Bạn không có quyền tiếp nhận hồ sơ tại {agency}.")


@operation
def receive(
    *,
    actor,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    documents_received: list[int],
    handling_agency: Agency | None = None,
    channel: str = Channel.COUNTER,
    delivery: str = Delivery.DESK,
    sets: int = 1,
    fee_amount: int | None = None,
    form_data: dict | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Receive a complete dossier at the desk (form 01): code, appointment, first step.

    `documents_received` are the 1-based positions of the procedure's documents handed in;
    every mandatory one must be there, or InvalidInput lists what is missing. `form_data`
    holds the declaration's answers when the desk typed the e-form for a paper application.
    """
    at = moment(at)
    _receiver(actor, agency)
    version = current_version(procedure)
    missing = missing_mandatory(version.data["documents"], documents_received)
    if missing:
        raise InvalidInput({"documents": missing_documents_message(missing)})
    if procedure.boundary_free and handling_agency is None and channel != Channel.ONLINE:
        handling_agency = handovers.route(
            procedure, agency, applicant.address, timezone.localdate(at)
        )
    new = dict(
        procedure=procedure,
        version=version,
        agency=agency,
        handling_agency=handling_agency,
        documents_received=documents_received,
        channel=channel,
        delivery=delivery,
        sets=sets,
        fee_amount=fee_amount,
    )
    _admissible(**new)
    dossier = steps.receive(
        DATABASE,
        actor=actor,
        applicant=applicant,
        note=note,
        at=at,
        form_data=form_data,
        **new,
    )
    if handovers.needs_handover(dossier):
        handovers.open_handover(dossier, at)
    return dossier


@operation
def refuse_at_reception(
    *,
    actor,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    reason: str,
    documents_received: list[int] = (),
    channel: str = Channel.COUNTER,
    at: datetime | None = None,
) -> Dossier:
    """Record a dossier refused at the desk as not admissible (form 03)."""
    at = moment(at)
    _receiver(actor, agency)
    new = dict(
        procedure=procedure,
        version=current_version(procedure),
        agency=agency,
        handling_agency=None,
        documents_received=list(documents_received),
        channel=channel,
        delivery=Delivery.DESK,
    )
    _admissible(**new)
    return steps.refuse_at_reception(
        DATABASE, actor=actor, applicant=applicant, reason=reason, at=at, **new
    )


@operation
def submit(
    *,
    applicant_user,
    procedure: Procedure,
    agency: Agency,
    applicant: Applicant,
    documents_received: list[int],
    delivery: str = Delivery.ONLINE,
    form_data: dict | None = None,
    at: datetime | None = None,
) -> Dossier:
    """An online submission: waits for the desk to accept it; no deadline runs yet.

    `form_data` holds the answers to the procedure's online form, already validated."""
    at = moment(at)
    if procedure.online_level == "none":
        raise InvalidInput({"procedure": "Thủ tục này chưa được cung cấp trực tuyến."})
    new = dict(
        procedure=procedure,
        version=current_version(procedure),
        agency=agency,
        handling_agency=None,
        documents_received=documents_received,
        delivery=delivery,
    )
    _admissible(channel=Channel.ONLINE, **new)
    return steps.submit(
        DATABASE,
        applicant_user=applicant_user,
        applicant=applicant,
        form_data=form_data,
        at=at,
        **new,
    )


@operation
def accept(
    dossier: Dossier,
    *,
    actor,
    handling_agency: Agency | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Accept an online submission: the deadline starts now (next session if outside hours)."""
    dossier, at = begin(dossier, actor, EventKind.ACCEPT, expected_version, at)
    if handling_agency is not None and not handling_agency.path.startswith(
        dossier.receiving_agency.path
    ):
        raise InvalidInput({"handling_agency": "Cơ quan giải quyết phải thuộc cơ quan tiếp nhận."})
    missing = [d.name for d in dossier.documents.all() if d.mandatory and not d.received]
    if missing:
        raise InvalidInput({"documents": missing_documents_message(missing)})
    return steps.accept(DATABASE, dossier, actor=actor, handling_agency=handling_agency, at=at)
