"""The demo lives through 1/7/2025: the 2022 district year as it was, the re-organisation of
Nghị quyết 1682/NQ-UBTVQH15 carried out by the plan file, and the new communes' work from
1/7/2025 to today (whatever day the test runs)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.demo import history, two_tier
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Dossier,
    DossierEvent,
    EventKind,
    PaperHandover,
    Status,
)
from motcua.org.access import may
from motcua.org.models import Agency, Reorganisation, Role, RoleAssignment
from motcua.org.places import residence_agency
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period

FORMER_COMMUNES = [f"000.{n}.21.H56" for n in range(21, 31)]
NEW_COMMUNES = ["000.00.71.H56", "000.00.72.H56", "000.00.73.H56", "000.00.74.H56"]
NEW_COMMUNES += ["000.00.75.H56", "000.00.67.H56"]
CENTRES = [code.replace("000.00.", "000.01.") for code in NEW_COMMUNES]
EFFECTIVE = two_tier.reorganise.start_of(date(2025, 7, 1))


@pytest.fixture
def lived(db, settings, tmp_path):
    """What `motcua demo` leaves (its demo CA written under the test's folder)."""
    settings.VAR_DIR = tmp_path
    call_command("demo", verbosity=0, stdout=StringIO())
    moved = Reorganisation.objects.get().outcome["dossiers_moved"]
    return {"moved": moved, **two_tier.tally(date(2025, 7, 1))}


def agencies_on(client, day: date) -> set[str]:
    body = client.get("/api/v1/agencies", {"at": day.isoformat()}).json()
    assert body["count"] == len(body["items"])
    return {agency["code"] for agency in body["items"]}


def test_the_demo_lives_from_2022_through_the_reorganisation_to_today(client, lived):
    district = Agency.objects.get(code=history.DISTRICT)

    # The 2022 year is as it was.
    tally = history.tally(district)
    assert (tally["received"], tally["early_or_on_time"], tally["late"]) == (3061, 3035, 22)
    assert tally["open_at_year_end"] == 4
    total = periodic_report(district, period("year", 2022, start_day=1), timezone.now()).total
    assert (total.received_total, total.early + total.on_time, total.late) == (3061, 3035, 22)
    assert not DossierEvent.objects.filter(
        kind=EventKind.TRANSFER, dossier__received_at__year=2022
    ).exists()
    assert (
        not Dossier.objects.filter(received_at__year=2022)
        .exclude(receiving_agency__path__startswith=district.path)
        .exists()
    )

    # The tree of each day.
    in_2022 = agencies_on(client, date(2022, 6, 1))
    assert {history.DISTRICT, *FORMER_COMMUNES} <= in_2022
    assert not in_2022 & {*NEW_COMMUNES, *CENTRES}
    today = agencies_on(client, timezone.localdate())
    assert {*NEW_COMMUNES, *CENTRES, "000.00.00.H56"} <= today
    assert not today & {history.DISTRICT, *FORMER_COMMUNES}

    # The former units name their successors: whole ones one, split ones two.
    mo_cong = client.get("/api/v1/agencies/000.29.21.H56").json()
    assert mo_cong["valid_to"] == "2025-06-30"
    assert set(mo_cong["successors"]) == {"000.00.74.H56", "000.00.67.H56"}
    thanh_bac = client.get("/api/v1/agencies/000.23.21.H56").json()
    assert thanh_bac["successors"] == ["000.00.71.H56"]
    assert client.get("/api/v1/agencies/000.00.74.H56").json()["valid_from"] == "2025-07-01"

    # The dossiers open on 30/6/2025 moved, by merge and by residence, with an event.
    june = Dossier.objects.filter(received_at__lt=EFFECTIVE, received_at__year=2025)
    assert june.count() == lived["moved"] == len(two_tier.JUNE)
    for dossier in june.select_related("receiving_agency"):
        transfer = dossier.events.get(kind=EventKind.TRANSFER)
        assert transfer.at == EFFECTIVE
        assert transfer.payload["from"]["receiving"] == dossier.code.split("-")[0]
        assert transfer.payload["to"]["receiving"] == dossier.receiving_agency.code
        assert dossier.receiving_agency.code in NEW_COMMUNES
    by_address = {d.applicant_address.split(",")[0]: d.handling_agency.code for d in june}
    assert by_address["Ấp Trảng Trâm"] == "000.00.67.H56"  # part of xã Mỏ Công: xã Tân Phú
    assert by_address["Ấp Suối Ông Đình"] == "000.00.74.H56"  # its remainder: xã Trà Vong
    assert by_address["Ấp Hòa Bình"] == "000.00.75.H56"  # the district's, by residence
    assert by_address["Ấp Thạnh Hưng"] == "000.00.71.H56"  # xã Thạnh Bắc, merged

    # The new communes work from 1/7/2025: each desk receives, some online, some late, some
    # still open or waiting for a supplement today.
    since = Dossier.objects.filter(received_at__gte=EFFECTIVE)
    assert since.count() == lived["received"] > 1000
    for code in NEW_COMMUNES:
        assert since.filter(receiving_agency__code=code).count() > 50
    assert lived["online"] > 0 and lived["late"] > 0
    assert since.filter(status__in=OPEN_STATUSES).count() == lived["open"] > 0
    assert since.filter(status=Status.WAITING_SUPPLEMENT).count() == lived["waiting"] > 0
    # Some were received at one commune's desk for the commune the applicant lives in.
    elsewhere = [
        d
        for d in since.select_related("receiving_agency", "handling_agency")
        if d.receiving_agency_id != d.handling_agency_id
    ]
    assert len(elsewhere) == lived["boundary_free"] > 0
    for dossier in elsewhere:
        assert dossier.handling_agency.code in NEW_COMMUNES
        assert residence_agency(dossier.applicant_address) == dossier.handling_agency
        assert dossier.events.filter(kind=EventKind.RETURN_RESULT).exists() or dossier.is_open

    # The desks have paper hand-overs under way: xã Trà Vong sends a certified copy's papers
    # to xã Phước Vinh (the applicant wrote a former address, xã Hòa Hiệp) and waits for a
    # birth registration's papers that xã Tân Biên sent.
    outgoing = PaperHandover.objects.get(from_agency__code="000.00.74.H56")
    assert (outgoing.to_agency.code, outgoing.sent_at) == ("000.00.75.H56", None)
    incoming = PaperHandover.objects.get(to_agency__code="000.00.74.H56")
    assert incoming.from_agency.code == "000.00.72.H56"
    assert incoming.sent_at is not None and incoming.received_at is None

    count = Dossier.objects.count()

    # The staff are where the plan and staff-2025.toml put them.
    assert not RoleAssignment.objects.filter(agency__valid_to__isnull=False).exists()
    commune = Agency.objects.get(code="000.00.74.H56")
    receivers = RoleAssignment.objects.filter(agency=commune, role=Role.RECEIVER)
    assert [r.user.username for r in receivers] == ["tiepnhan.xatravong"]
    assert may(receivers[0].user, Role.RECEIVER, commune)
    moved = RoleAssignment.objects.get(user__username="tiepnhan.huyen", role=Role.RECEIVER)
    assert moved.agency.code == "000.00.72.H56"
    assert not RoleAssignment.objects.filter(user__username="thuly.thanhtra").exists()
    clerk = RoleAssignment.objects.get(user__username="vanthu.huyen")
    assert clerk.agency.code == "000.00.72.H56"
    reporter = RoleAssignment.objects.get(user__username="baocao.huyen")
    assert reporter.agency.code == "000.00.00.H56"  # reads the former district's years

    # Run again, the demo changes nothing and gives no role back at an agency that ended.
    call_command("demo", verbosity=0, stdout=StringIO())
    assert Dossier.objects.count() == count
    one_stop = [Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.RETURNER, Role.REPORTER]
    ended = RoleAssignment.objects.filter(agency__valid_to__isnull=False, role__in=one_stop)
    assert not ended.exists()
