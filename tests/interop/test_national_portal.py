"""A dossier filed on the simulated national portal is received, handled and returned
here; the simulator sees every status in order; reconciliation finds and re-sends what the
national side lost."""

import json
import urllib.request

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.interop import national_portal
from motcua.interop.models import NationalDossier, Reconciliation
from motcua.interop.platform import forget_tokens
from motcua.notify import worker

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def portal(simulator, settings):
    running = simulator("dvcqg", "--client-id", "tinh", "--client-secret", "bi-mat")
    settings.MOTCUA_DVCQG_URL = running.url
    settings.MOTCUA_DVCQG_CLIENT_ID = "tinh"
    settings.MOTCUA_DVCQG_CLIENT_SECRET = "bi-mat"
    forget_tokens()
    return running


def control(portal, path, body):
    request = urllib.request.Request(
        portal.url + path, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    urllib.request.urlopen(request, timeout=10).read()


def file_nationally(portal, tree, code="G22.99-251130-0001"):
    control(
        portal,
        "/_sim/inbox",
        {
            "MaHoSo": code,
            "MaTTHC": "1.001193",
            "MaDonVi": tree["commune_a"].code,
            "ChuHoSo": {"HoTen": "Lê Thị Hoa", "SoDinhDanh": "072195004321", "SoDienThoai": ""},
        },
    )


def pushed_statuses(portal, code):
    pushes = portal.get("/_sim/state")["pushes"]
    return [p["TrangThaiHoSo"] for p in pushes if p["MaHoSo"] == code]


def test_a_national_dossier_is_received_handled_and_returned(portal, tree, staff, online_procedure):
    file_nationally(portal, tree)
    call_command("dvcqg", "pull")
    call_command("dvcqg", "pull")  # the second pull finds it acknowledged: no second dossier
    dossier = Dossier.objects.get()
    assert dossier.national.national_code == "G22.99-251130-0001"
    assert dossier.status == "submitted"
    lifecycle.attach_file(
        dossier,
        actor=staff["receiver"],
        kind="document",
        content=PDF,
        name="to-khai.pdf",
        document_order=1,
    )
    dossier = lifecycle.accept(dossier, actor=staff["receiver"])
    dossier = lifecycle.forward(dossier, actor=staff["receiver"])
    lifecycle.attach_file(
        dossier, actor=staff["handler"], kind="result", content=PDF, name="giay-khai-sinh.pdf"
    )
    dossier = lifecycle.forward(dossier, actor=staff["handler"])
    dossier = lifecycle.approve(dossier, actor=staff["approver"])
    dossier = lifecycle.mark_result_ready(dossier, actor=staff["handler"])
    lifecycle.return_result(dossier, actor=staff["returner"])
    worker.run_once()
    statuses = pushed_statuses(portal, "G22.99-251130-0001")
    assert statuses == ["1", "1", "2", "4", "4", "4", "9", "9", "10"]
    sequences = [p["SoThuTu"] for p in portal.get("/_sim/state")["pushes"]]
    assert sequences == sorted(sequences) == list(range(1, 10))
    assert portal.get("/_sim/state")["acknowledged"] == {"G22.99-251130-0001": dossier.code}
    assert NationalDossier.objects.get().pushed_status == "10"


def test_reconciliation_resends_what_the_portal_lost(portal, receive, staff):
    control(portal, "/_sim/drop", {"count": 1})
    lost = receive(at=timezone.now())
    kept = receive(at=timezone.now())
    worker.run_once()
    assert pushed_statuses(portal, lost.code) == []
    day = timezone.localdate()
    result = national_portal.reconcile(day)
    assert (result.local_count, result.national_count, result.matched, result.resent) == (
        2,
        1,
        1,
        1,
    )
    assert result.differences == [{"dossier": lost.code, "expected": "2", "national": None}]
    worker.run_once()
    again = national_portal.reconcile(day)
    assert (again.matched, again.resent) == (2, 0)
    assert pushed_statuses(portal, lost.code) == ["2"]
    assert national_portal.synchronised_share(kept.receiving_agency, day, day) == (2, 2)


def test_an_unreachable_portal_is_reported_not_raised(portal, receive):
    receive(at=timezone.now())
    portal.stop()
    result = national_portal.reconcile(timezone.localdate())
    assert result.error
    assert Reconciliation.objects.get().local_count == 1


def test_status_codes_follow_the_national_list():
    assert national_portal.national_status("refused", refused_before_receipt=True) == "3"
    assert national_portal.national_status("refused") == "8"
    assert national_portal.national_status("withdrawn") == "7"
    assert national_portal.national_status("waiting_supplement") == "5"


def test_the_dashboard_shows_the_reconciliation_and_indicator_1_4(
    portal, receive, tree, make_user, client
):
    from motcua.org.models import Role
    from motcua.reports.index import service_index

    receive(at=timezone.now())
    worker.run_once()
    national_portal.reconcile(timezone.localdate())
    index = {
        s.metric.code: s for s in service_index(tree["commune_a"], timezone.localdate()).scores
    }
    assert (index["1.4"].numerator, index["1.4"].denominator, index["1.4"].points) == (1, 1, 6)
    client.force_login(make_user("baocao.huyen", (Role.REPORTER, tree["district"])))
    today = timezone.localdate()
    page = client.get(
        "/reports/dashboard/", {"kind": "month", "year": today.year, "number": today.month}
    ).content.decode()
    assert "Đồng bộ Cổng Dịch vụ công quốc gia" in page
    assert "<strong>1/1</strong> (100,0%)" in page
    assert "khớp hoàn toàn" in page
