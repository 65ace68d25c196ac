"""The national population database (Cơ sở dữ liệu quốc gia về dân cư): with the citizen's
consent, their registered data by ID number pre-fills the application, and the documents
whose data the state holds (Decree 104/2022/NĐ-CP) need not be uploaded.

Off unless MOTCUA_POPULATION_URL is set; calls go through the data-sharing platform.

>>> person = lookup(user, "072095001234", procedure=birth, consent=True)
>>> person.name, person.birth_date
('Trần Văn Bình', datetime.date(1995, 8, 12))
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import requests
from django.conf import settings
from django.utils import timezone

from motcua.dossiers.errors import InvalidInput

from .models import PopulationLookup
from .platform import Platform, PlatformError

# A lookup lets the documents the state holds go un-uploaded for this long.
VALID_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    birth_date: date | None
    gender: str
    address: str


def enabled() -> bool:
    return bool(settings.MOTCUA_POPULATION_URL)


def _birth_date(value: str) -> date | None:
    try:
        return datetime.strptime(value or "", "%d/%m/%Y").date()
    except ValueError:
        return None


def lookup(user, id_number: str, *, procedure, consent: bool) -> Person:
    """The registered data of `id_number`, asked for `procedure` on `user`'s behalf.

    Without consent nothing is asked. Every lookup is logged (PopulationLookup). Raises
    InvalidInput (for `consent` or `id_number`) with a message for the citizen."""
    if not consent:
        raise InvalidInput({"consent": "Cần ông/bà đồng ý cho khai thác thông tin."})
    id_number = (id_number or "").strip()
    if not (len(id_number) == 12 and id_number.isdigit()):
        raise InvalidInput({"id_number": "Số định danh cá nhân gồm 12 chữ số."})
    log = PopulationLookup(
        user=user, id_number=id_number, procedure=procedure, consent_at=timezone.now(), found=False
    )
    platform = Platform(
        settings.MOTCUA_POPULATION_URL,
        settings.MOTCUA_POPULATION_CLIENT_ID,
        settings.MOTCUA_POPULATION_CLIENT_SECRET,
    )
    try:
        answer = platform.call(
            "POST",
            "/congdan/tracuu",
            json={
                "MaYeuCau": str(uuid.uuid4()),
                "SoDinhDanh": id_number,
                "MucDichSuDung": f"Giải quyết thủ tục {procedure.code}",
                "DongYCuaCongDan": True,
            },
        )
    except (requests.RequestException, PlatformError, ValueError) as error:
        log.error = str(error)[:500]
        log.save()
        raise InvalidInput(
            {"id_number": "Không lấy được thông tin từ Cơ sở dữ liệu quốc gia về dân cư."}
        ) from error
    person = answer["CongDan"]
    log.found = True
    log.save()
    return Person(
        id_number=person["SoDinhDanh"],
        name=person["HoVaTen"],
        birth_date=_birth_date(person.get("NgaySinh", "")),
        gender=person.get("GioiTinh", ""),
        address=(person.get("NoiThuongTru") or {}).get("DiaChiDayDu", ""),
    )


def state_held(documents: list[dict], user, procedure) -> set[int]:
    """The 1-based positions of `documents` (a version's) whose data the state holds, when
    `user` looked the person up for `procedure` recently; else none."""
    recent = PopulationLookup.objects.filter(
        user=user,
        procedure=procedure,
        found=True,
        consent_at__gte=timezone.now() - VALID_FOR,
    )
    if not recent.exists():
        return set()
    return {i for i, d in enumerate(documents, start=1) if d.get("state_data")}
