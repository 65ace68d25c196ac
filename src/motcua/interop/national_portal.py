"""The national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG): dossiers filed
there come in through `lifecycle.submit`; every event of every dossier is pushed with its
national status code; a nightly reconciliation compares each day's dossiers and statuses
and pushes again what differs. docs/integration.md gives the protocol and its assumptions.

Off unless MOTCUA_DVCQG_URL is set. Calls go through the province's data-sharing platform
(LGSP/NDXP) in production, which takes OAuth2 client credentials.

>>> national_status("received")
'2'
"""

import json
from datetime import date, datetime, timedelta

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers import lifecycle
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.errors import LifecycleError
from motcua.dossiers.models import Dossier, DossierEvent, EventKind, Status
from motcua.notify.models import MachineChannel, Message
from motcua.org.models import Agency

from .models import NationalDossier, Reconciliation
from .platform import Platform, PlatformError

RECIPIENT = "dvcqg"
# Events older than this when recorded are history (an import, the demo's past): not pushed.
HISTORY = timedelta(days=1)

# National dossier status codes (TrangThaiHoSo), as the DVCQG integration guide lists them.
NATIONAL_STATUSES = {
    "1": "Mới đăng ký",
    "2": "Được tiếp nhận",
    "3": "Không được tiếp nhận",
    "4": "Đang xử lý",
    "5": "Yêu cầu bổ sung giấy tờ",
    "6": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "7": "Công dân yêu cầu rút hồ sơ",
    "8": "Dừng xử lý",
    "9": "Đã xử lý xong",
    "10": "Đã trả kết quả",
}
_BY_STATUS = {
    Status.SUBMITTED: "1",
    Status.RECEIVED: "2",
    Status.IN_PROGRESS: "4",
    Status.WAITING_SUPPLEMENT: "5",
    Status.APPROVED: "9",
    Status.RESULT_READY: "9",
    Status.RETURNED: "10",
    Status.WITHDRAWN: "7",
    Status.REFUSED: "8",
}


def enabled() -> bool:
    return bool(settings.MOTCUA_DVCQG_URL)


def national_status(status: str, *, refused_before_receipt: bool = False) -> str:
    """The national code of a local status; a refusal before acceptance is "3" (not
    received), after it "8" (handling stopped)."""
    if status == Status.REFUSED and refused_before_receipt:
        return "3"
    return _BY_STATUS[status]


def event_status(event: DossierEvent) -> str:
    """The national code the dossier had once `event` was recorded."""
    before_receipt = (
        event.kind == EventKind.REFUSE_AT_RECEPTION or event.from_status == Status.SUBMITTED
    )
    return national_status(event.to_status, refused_before_receipt=before_receipt)


def _stamp(moment: datetime | None) -> str:
    """The guide's time format: yyyyMMddHHmmss, local time."""
    return timezone.localtime(moment).strftime("%Y%m%d%H%M%S") if moment else ""


def national_code(dossier: Dossier) -> str:
    link = NationalDossier.objects.filter(dossier=dossier).first()
    return link.national_code if link else dossier.code


def push_body(dossier: Dossier, event: DossierEvent) -> dict:
    """One status synchronisation (DongBoHoSo) for `event`."""
    return {
        "MaHoSo": national_code(dossier),
        "MaHoSoDiaPhuong": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "MaDonVi": dossier.receiving_agency.code,
        "KenhThucHien": "2" if dossier.channel == "online" else "1",
        "NgayNop": _stamp(dossier.submitted_at),
        "NgayTiepNhan": _stamp(dossier.received_at),
        "NgayHenTra": _stamp(dossier.appointment_at),
        "NgayKetThuc": _stamp(dossier.finished_at),
        "ChuHoSo": dossier.applicant_name,
        "TrangThaiHoSo": event_status(event),
        "SuKien": event.kind,
        "SoThuTu": event.sequence,
        "ThoiDiem": _stamp(event.at),
    }


def enqueue_push(dossier: Dossier, event: DossierEvent) -> Message:
    now = timezone.now()
    return Message.objects.create(
        channel=MachineChannel.NATIONAL_PORTAL,
        to=RECIPIENT,
        subject=f"{dossier.code}#{event.sequence}",
        body=json.dumps(push_body(dossier, event), ensure_ascii=False),
        template="dvcqg_status",
        dossier=dossier,
        next_attempt_at=now,
        created_at=now,
    )


def on_event(dossier: Dossier, event: DossierEvent) -> None:
    """The receiver's part: queue the push of a fresh event when the portal is configured."""
    if enabled() and event.at >= timezone.now() - HISTORY:
        enqueue_push(dossier, event)


# ---------------------------------------------------------------- HTTP


def _call(method: str, path: str, **kwargs) -> dict:
    return Platform(
        settings.MOTCUA_DVCQG_URL,
        settings.MOTCUA_DVCQG_CLIENT_ID,
        settings.MOTCUA_DVCQG_CLIENT_SECRET,
    ).call(method, path, **kwargs)


def push(message: Message) -> None:
    """Send one queued status push (called by the outbox worker); raises to retry."""
    body = json.loads(message.body)
    # The national code is read now: a dossier pulled from the portal gets its link in the
    # same transaction as its first event, after the message was written.
    body["MaHoSo"] = national_code(message.dossier)
    _call("POST", "/hoso/dongbo", json=body)
    NationalDossier.objects.update_or_create(
        dossier_id=message.dossier_id,
        defaults={"pushed_status": body["TrangThaiHoSo"], "pushed_at": timezone.now()},
        create_defaults={
            "national_code": body["MaHoSo"],
            "pushed_status": body["TrangThaiHoSo"],
            "pushed_at": timezone.now(),
        },
    )


# ---------------------------------------------------------------- inbound


def _system_user():
    user, _ = get_user_model().objects.get_or_create(
        username="system:dvcqg", defaults={"first_name": "Cổng DVCQG"}
    )
    return user


def pull() -> tuple[list[Dossier], list[str]]:
    """Take the dossiers filed on the national portal for our agencies: each becomes an
    online submission (once: the national code is unique) and is acknowledged with its
    local code. Returns the new dossiers and the problems (one line per refused one)."""
    created, problems = [], []
    for item in _call("GET", "/hoso/moi").get("HoSo", []):
        code = item.get("MaHoSo", "")
        link = NationalDossier.objects.filter(national_code=code).select_related("dossier")
        if link.exists():
            _call(
                "POST",
                "/hoso/xacnhan",
                json={"MaHoSo": code, "MaHoSoDiaPhuong": link[0].dossier.code},
            )
            continue
        try:
            dossier = _receive(item)
        except (LifecycleError, KeyError, ValueError) as error:
            problems.append(f"{code}: {getattr(error, 'message', error)}")
            continue
        _call("POST", "/hoso/xacnhan", json={"MaHoSo": code, "MaHoSoDiaPhuong": dossier.code})
        created.append(dossier)
    return created, problems


@transaction.atomic
def _receive(item: dict) -> Dossier:
    procedure = Procedure.objects.filter(code=item["MaTTHC"]).first()
    agency = Agency.objects.in_force().filter(code=item["MaDonVi"]).first()
    if procedure is None or agency is None:
        raise ValueError(f"không có thủ tục {item['MaTTHC']} hoặc cơ quan {item['MaDonVi']}")
    person = item["ChuHoSo"]
    dossier = lifecycle.submit(
        applicant_user=_system_user(),
        procedure=procedure,
        agency=agency,
        applicant=Applicant(
            kind="individual",
            name=person["HoTen"],
            id_number=person["SoDinhDanh"],
            phone=person.get("SoDienThoai", ""),
            email=person.get("Email", ""),
            address=person.get("DiaChi", ""),
        ),
        documents_received=[],
    )
    NationalDossier.objects.create(dossier=dossier, national_code=item["MaHoSo"], inbound=True)
    return dossier


# ---------------------------------------------------------------- reconciliation


def _latest_events(dossiers):
    last = DossierEvent.objects.filter(dossier=OuterRef("pk")).order_by("-sequence")
    return dossiers.annotate(last_event=Subquery(last.values("pk")[:1]))


def reconcile(day: date) -> Reconciliation:
    """Compare the dossiers submitted on `day` (local date) with what the national portal
    holds for that day; push again the latest event of each one missing or different."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    local = list(
        _latest_events(
            Dossier.objects.filter(
                submitted_at__gte=start, submitted_at__lt=start + timedelta(days=1)
            )
        ).select_related("procedure", "receiving_agency")
    )
    now = timezone.now()
    try:
        national = {
            row["MaHoSo"]: str(row["TrangThaiHoSo"])
            for row in _call("GET", "/hoso/doisoat", params={"ngay": day.isoformat()}).get(
                "HoSo", []
            )
        }
    except (requests.RequestException, PlatformError, ValueError) as error:
        return Reconciliation.objects.create(
            day=day,
            ran_at=now,
            local_count=len(local),
            national_count=0,
            matched=0,
            resent=0,
            error=str(error)[:2000],
        )
    events = DossierEvent.objects.in_bulk([d.last_event for d in local if d.last_event])
    codes = dict(
        NationalDossier.objects.filter(dossier__in=local).values_list("dossier_id", "national_code")
    )
    matched, differences = 0, []
    with transaction.atomic():
        for dossier in local:
            event = events[dossier.last_event]
            expected = event_status(event)
            code = codes.get(dossier.pk, dossier.code)
            found = national.get(code)
            if found == expected:
                matched += 1
                NationalDossier.objects.update_or_create(
                    dossier=dossier,
                    defaults={"confirmed_status": expected, "confirmed_at": now},
                    create_defaults={
                        "national_code": code,
                        "confirmed_status": expected,
                        "confirmed_at": now,
                    },
                )
                continue
            differences.append({"dossier": dossier.code, "expected": expected, "national": found})
            enqueue_push(dossier, event)
        return Reconciliation.objects.create(
            day=day,
            ran_at=now,
            local_count=len(local),
            national_count=len(national),
            matched=matched,
            resent=len(differences),
            differences=differences,
        )


def synchronised_share(agency: Agency, start: date, end: date) -> tuple[int, int]:
    """Decision 766 indicator 1.4: (dossiers whose status the national portal confirmed at
    the last reconciliation, dossiers submitted) in `agency`'s subtree from `start` to
    `end` inclusive (local dates)."""
    first = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    after = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    dossiers = Dossier.objects.filter(
        receiving_agency__path__startswith=agency.path,
        submitted_at__gte=first,
        submitted_at__lt=after,
    )
    confirmed = dossiers.filter(national__confirmed_at__isnull=False)
    return confirmed.count(), dossiers.count()
