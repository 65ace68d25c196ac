"""`motcua agencies reorganise FILE [--check]`: a plan is checked without writing anything,
refused with every reason (the open dossier and the role left without a home), or carried
out."""

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.models import EventKind
from motcua.org.models import Agency, Reorganisation, RoleAssignment

HEADER = """
name = "Sắp xếp thử các xã của huyện Tân Biên"
basis = "Nghị quyết thử"
effective = 2025-07-01

[[agencies]]
code = "000.00.71.H56"
name = "UBND xã Tân Lập (mới)"
kind = "commune"
parent = "000.00.00.H56"

[[agencies]]
code = "000.00.72.H56"
name = "UBND xã Thạnh Bắc (mới)"
kind = "commune"
parent = "000.00.00.H56"

[[merge]]
from = ["000.22.21.H56", "000.01.21.H56", "000.00.21.H56"]
into = "000.00.72.H56"
roles = "move"
"""
SPLIT = """
[[split]]
from = "000.21.21.H56"
into = ["000.00.71.H56", "000.00.72.H56"]
dossiers = "residence"
"""
HOMES = """roles = "000.00.71.H56"

[[addresses]]
old = "xã Tân Lập"
new = "xã Tân Lập, tỉnh Tây Ninh"
agency = "000.00.71.H56"
"""


@pytest.fixture
def plan_file(tmp_path):
    def write(text: str):
        path = tmp_path / "phuong-an.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("agencies", "reorganise", *map(str, args), stdout=out)
    return out.getvalue()


def test_check_reads_the_plan_and_writes_nothing(receive, plan_file):
    receive()
    path = plan_file(HEADER + SPLIT + HOMES)
    assert run(path, "--check").strip() == (
        "Phương án hợp lệ: 4 cơ quan kết thúc, 2 cơ quan mới, 1 hồ sơ sẽ chuyển."
    )
    assert not Reorganisation.objects.exists()
    assert not Agency.objects.filter(code="000.00.71.H56").exists()
    assert not Agency.objects.exclude(valid_to=None).exists()


def test_a_plan_leaving_a_dossier_and_a_role_homeless_is_refused_and_changes_nothing(
    receive, plan_file, staff
):
    dossier = receive()
    path = plan_file(HEADER + SPLIT)  # no address says where the applicant lives; no roles
    with pytest.raises(CommandError) as refused:
        run(path)
    message = str(refused.value)
    assert "1 hồ sơ đang giải quyết tại UBND xã Tân Lập" in message
    assert dossier.code in message
    assert "của receiver.a tại UBND xã Tân Lập không có nơi chuyển đến" in message
    assert not Reorganisation.objects.exists()
    assert not Agency.objects.exclude(valid_to=None).exists()
    assert RoleAssignment.objects.get(user=staff["receiver"]).agency.code == "000.21.21.H56"
    with pytest.raises(CommandError):
        run(path, "--check")


def test_the_plan_is_carried_out_when_its_day_has_come(receive, plan_file, staff):
    dossier = receive()
    output = run(plan_file(HEADER + SPLIT + HOMES))
    assert output.startswith("Đã thực hiện “Sắp xếp thử các xã của huyện Tân Biên (01/07/2025)”")
    assert "2 cơ quan mới, 4 cơ quan kết thúc, 1 hồ sơ chuyển" in output
    dossier.refresh_from_db()
    assert dossier.receiving_agency.code == dossier.handling_agency.code == "000.00.71.H56"
    assert dossier.events.filter(kind=EventKind.TRANSFER).count() == 1
    assert RoleAssignment.objects.get(user=staff["receiver"]).agency.code == "000.00.71.H56"
    assert RoleAssignment.objects.get(user=staff["other_receiver"]).agency.code == "000.00.72.H56"
    former = Agency.objects.get(code="000.21.21.H56")
    assert str(former.valid_to) == "2025-06-30"
    assert {a.code for a in former.successors.all()} == {"000.00.71.H56", "000.00.72.H56"}
