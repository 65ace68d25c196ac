"""A document's way in the browser across two installations: the province's letter arrives
at the district, the office head assigns it, the Justice office drafts the answer, the
office checks it, the vice-chairman approves it, the clerk numbers, signs and sends it to
the commune of Tân Lập, which runs its own motcua (a second server process with its own
database on loopback); the commune's clerk registers it and the district sees the receipt.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from support import log_in_in_browser
from weasyprint import HTML

from motcua.eoffice.models import DeliveryStatus, IncomingStatus, Issuer, OutgoingDocument, Peer
from motcua.eoffice.seed import seed_document_types
from motcua.org.models import Role
from motcua.signing import democa
from motcua.signing.keys import Pkcs12Key
from motcua.signing.models import Backend
from motcua.signing.services import register_signer
from motcua.signing.signer import sign_pdf

PASSWORD = "secret-pass-1"  # tests/conftest.py make_user
KEY = "khoa-lien-thong-huyen-xa-thu-nghiem"
COMMUNE = "000.21.21.H56"  # commune A of tests/conftest.py
BIN = Path(sys.executable).parent

COMMUNE_SETUP = """
from django.contrib.auth import get_user_model
from motcua.eoffice.models import Issuer, Peer
from motcua.org.models import Agency, AgencyKind, RoleAssignment
kind = AgencyKind.objects.create(code="commune", name="Xã")
commune = Agency.objects.create(code="{commune}", name="UBND xã Tân Lập", kind=kind)
Issuer.objects.create(agency=commune, abbreviation="UBND", heading="ỦY BAN NHÂN DÂN|XÃ TÂN LẬP",
                      place="Tân Lập")
clerk = get_user_model().objects.create_user("vanthu.tanlap", password="{password}",
                                             first_name="Lâm Thị Bích Trâm")
RoleAssignment.objects.create(user=clerk, agency=commune, role="clerk")
Peer.objects.create(code="000.00.21.H56", name="UBND huyện Tân Biên", url="{district}",
                    key="{key}")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def ca(tmp_path):
    root_key, root = democa.make_root("CA thử nghiệm liên thông")
    path = tmp_path / "root.pem"
    path.write_bytes(democa.pem(root))
    return root_key, root, path


@pytest.fixture
def commune_server(tmp_path, live_server, ca):
    """The commune's own installation: SQLite in its own folder, gunicorn on loopback."""
    folder = tmp_path / "commune"
    folder.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder}/motcua.sqlite3",
        "MOTCUA_TRUST_ROOTS": str(ca[2]),
        "MOTCUA_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
    }
    run = {"env": env, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([BIN / "motcua", "migrate", "-v0"], **run)
    setup = COMMUNE_SETUP.format(
        commune=COMMUNE, password=PASSWORD, district=live_server.url, key=KEY
    )
    subprocess.run([BIN / "motcua", "shell", "-c", setup], **run)
    server = subprocess.Popen(
        [BIN / "gunicorn", "motcua.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture
def district(tree, make_user, ca, settings, commune_server):
    settings.MOTCUA_TRUST_ROOTS = [str(ca[2])]
    seed_document_types()
    root_key, root, _ = ca
    Issuer.objects.create(
        agency=tree["district"],
        abbreviation="UBND",
        heading="ỦY BAN NHÂN DÂN|HUYỆN TÂN BIÊN",
        place="Tân Biên",
    )
    Peer.objects.create(code=COMMUNE, name="UBND xã Tân Lập", url=commune_server, key=KEY)
    people = {
        "clerk": make_user("vanthu", (Role.CLERK, tree["district"]), first_name="Đặng Thị Linh"),
        "head": make_user("chanhvp", (Role.OFFICE_HEAD, tree["district"]), first_name="Trương Bảo"),
        "handler": make_user(
            "chuyenvien", (Role.DOC_HANDLER, tree["department"]), first_name="Huỳnh Kim Ngân"
        ),
        "signer": make_user("pct", (Role.DOC_SIGNER, tree["district"]), first_name="Võ Văn Thành"),
    }
    for owner, name in [
        ({"user": people["signer"]}, "Võ Văn Thành"),
        ({"agency": tree["district"]}, "UBND huyện Tân Biên"),
    ]:
        key, cert = democa.issue(root_key, root, common_name=name, organisation="UBND huyện")
        register_signer(
            name=name,
            backend=Backend.PKCS12,
            pkcs12_content=democa.pkcs12_bytes(key, cert, [root]),
            **owner,
        )
    return people


@pytest.fixture
def province_letter(ca, tmp_path) -> Path:
    root_key, root, _ = ca
    key, cert = democa.issue(
        root_key, root, common_name="Nguyễn Văn Mười", organisation="UBND tỉnh Tây Ninh"
    )
    pdf = HTML(string="<h1>UBND tỉnh Tây Ninh</h1><p>Về việc rà soát hộ tịch</p>").write_pdf()
    path = tmp_path / "cong-van-tinh.pdf"
    signer = Pkcs12Key(democa.pkcs12_bytes(key, cert, [root]), None)
    # pyHanko runs its own event loop: not in the thread where Playwright's loop runs
    with ThreadPoolExecutor(1) as pool:
        path.write_bytes(pool.submit(sign_pdf, pdf, signer).result())
    return path


def log_in(page, base: str, username: str, then: str) -> None:
    log_in_in_browser(page, username, PASSWORD, then, base=base)


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def press(page, button: str, status: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.locator(".status--big")).to_have_text(status)


def test_a_letter_is_answered_signed_numbered_and_acknowledged_by_the_commune(
    page, live_server, district, commune_server, province_letter, tree
):
    base = live_server.url
    # The district's clerk registers the province's letter; its signature is checked.
    log_in(page, base, "vanthu", "/eoffice/")
    page.get_by_role("link", name="Vào sổ văn bản đến").first.click()
    page.get_by_label("Tệp văn bản").set_input_files(str(province_letter))
    page.get_by_label("Cơ quan ban hành").fill("UBND tỉnh Tây Ninh")
    page.get_by_label("Số, ký hiệu").fill("318/UBND-KSTT")
    page.get_by_label("Ngày văn bản").fill("02/03/2026")
    page.get_by_label("Trích yếu nội dung").fill("Về việc rà soát thủ tục hộ tịch")
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Văn bản đến số 1: 318/UBND-KSTT")
    expect(page.locator("li.signature--ok")).to_contain_text("Nguyễn Văn Mười")
    expect(page.locator("li.signature--ok")).to_contain_text("Chữ ký hợp lệ")
    letter = page.url
    log_out(page)

    # The office head assigns it to the Justice office for 5 working days.
    log_in(page, base, "chanhvp", "/eoffice/")
    page.get_by_role("link", name="318/UBND-KSTT").click()
    page.get_by_label("Đơn vị chủ trì").select_option(label="Phòng Tư pháp")
    page.get_by_label("UBND xã Tân Lập").check()
    page.get_by_label("Thời hạn xử lý").fill("5")
    press(page, "Phân công", "Đang xử lý")
    log_out(page)

    # The Justice office's specialist drafts the answer, addressed to the commune.
    log_in(page, base, "chuyenvien", "/eoffice/")
    page.goto(letter)
    page.get_by_label("Ý kiến, kết quả xử lý").fill("Phòng Tư pháp dự thảo công văn trả lời.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_role("link", name="Soạn văn bản trả lời").click()
    page.locator("#id_draft-unit_abbreviation").fill("TP")
    page.locator("#id_draft-body").fill(
        "Kính gửi: Ủy ban nhân dân xã Tân Lập.\n\nĐề nghị xã rà soát thủ tục hộ tịch./."
    )
    page.locator("#id_draft-signer").select_option(label="Võ Văn Thành")
    page.locator("form#actions").get_by_label("UBND xã Tân Lập").check()
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".status--big")).to_have_text("Dự thảo")
    draft = page.url
    press(page, "Trình Văn phòng kiểm tra", "Chờ Văn phòng kiểm tra")
    log_out(page)

    log_in(page, base, "chanhvp", "/eoffice/")
    page.goto(draft)
    press(page, "Đạt: trình lãnh đạo ký", "Chờ lãnh đạo duyệt ký")
    log_out(page)

    log_in(page, base, "pct", "/eoffice/")
    page.goto(draft)
    press(page, "Duyệt ký", "Đã duyệt, chờ phát hành")
    log_out(page)

    # The clerk numbers, signs, seals and sends it; the commune's server takes it (01).
    log_in(page, base, "vanthu", "/eoffice/")
    page.goto(draft)
    press(page, "Cấp số, ký số và phát hành", "Đã phát hành")
    expect(page.get_by_role("heading", level=1)).to_have_text("Công văn số 01/UBND-TP")
    expect(page.locator(".delivery--01")).to_have_text("Đã đến")
    log_out(page)

    # At the commune's own installation: the clerk sees it, both signatures valid, registers.
    log_in(page, commune_server, "vanthu.tanlap", "/eoffice/")
    page.get_by_role("link", name="01/UBND-TP").click()
    expect(page.locator("li.signature--ok")).to_have_count(2)
    expect(page.locator("#meta-title + dl")).to_contain_text("UBND huyện Tân Biên")
    press(page, "Vào sổ, báo đã tiếp nhận", "Chờ phân công")
    expect(page.get_by_role("heading", level=1)).to_have_text("Văn bản đến số 1: 01/UBND-TP")
    log_out(page)

    # Back at the district: the receipt arrived, and the letter is closed with its answer.
    log_in(page, base, "vanthu", "/eoffice/")
    page.goto(draft)
    expect(page.locator(".delivery--03")).to_have_text("Đã tiếp nhận")
    expect(page.get_by_text(re.compile("UBND xã Tân Lập: Đã tiếp nhận"))).to_be_visible()
    answer = OutgoingDocument.objects.get()
    assert answer.number == 1 and answer.deliveries.get().status == DeliveryStatus.ACCEPTED
    page.goto(letter)
    expect(page.locator(".status--big")).to_have_text("Đã xử lý xong")
    expect(page.get_by_role("link", name="01/UBND-TP")).to_be_visible()
    assert answer.answers_to.get().status == IncomingStatus.CLOSED
