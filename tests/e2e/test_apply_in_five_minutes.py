"""A citizen on a 390 px phone applies for a birth registration: the e-form is filled from
the profile, photos from the phone become the birth certificate's PDF, and the dossier is
submitted; the steps are timed and the fields typed and pages crossed counted (Decision
1565/QĐ-TTg asks for under five minutes from login to submission). The same citizen's next
application reuses the birth certificate issued into the store instead of an upload."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from playwright.sync_api import expect
from store.images import encoded, sideways_jpeg
from store.images import page as paper
from support import MONDAY

from motcua.demo import loader
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.org.models import Role
from motcua.portal.models import CitizenProfile
from motcua.signing import democa
from motcua.signing.models import Backend
from motcua.signing.services import register_signer
from motcua.store.models import Origin, Reuse, StoredDocument

PHONE = {"width": 390, "height": 844}
# The page a submission lands on ("Hồ sơ <code>"): shown once the dossier is committed.
SUBMITTED = re.compile(r"^Hồ sơ \S+$")
PASSWORD = "mat-khau-rat-dai-1"


@dataclass
class Trace:
    """What the scripted citizen did: seconds per step, fields typed, pages crossed."""

    steps: list[tuple[str, float]] = field(default_factory=list)
    typed: int = 0
    pages: int = 0
    _started: float = field(default_factory=time.perf_counter)

    def step(self, name: str) -> None:
        now = time.perf_counter()
        self.steps.append((name, now - self._started))
        self._started = now


@pytest.fixture
def scene(settings, live_server, tree, make_user, monkeypatch):
    settings.SITE_URL = live_server.url
    loader.load_catalog()
    user = get_user_model().objects.create_user(
        username="huong@example.vn",
        email="huong@example.vn",
        password=PASSWORD,
        first_name="Nguyễn Thị Hường",
    )
    CitizenProfile.objects.create(
        user=user,
        phone="0912345678",
        id_number="072190001234",
        address="Ấp Thạnh Phú, xã Tân Lập",
        verified_at=MONDAY,
    )
    roles = [(role, tree["commune_a"]) for role in Role.values if role != Role.AGENCY_ADMIN]
    officer = make_user("lan.tanlap", *roles, first_name="Nguyễn Thị Lan")
    root_key, root = democa.make_root("CA thử nghiệm")
    key, cert = democa.issue(root_key, root, common_name="UBND xã Tân Lập")
    monkeypatch.setenv("MOTCUA_TEST_P12", "mat-khau")
    register_signer(
        name="Chứng thư số UBND xã Tân Lập",
        backend=Backend.PKCS12,
        agency=tree["commune_a"],
        pkcs12_content=democa.pkcs12_bytes(key, cert, [root], "mat-khau"),
        secret_env="MOTCUA_TEST_P12",
    )
    return officer


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def type_into(trace: Trace, page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).fill(value)
    trace.typed += 1


def choose(trace: Trace, page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).select_option(value)
    trace.typed += 1


def _approve(dossier, officer) -> None:
    try:
        lifecycle.approve(dossier, actor=officer)
    finally:
        connection.close()


def test_birth_registration_from_a_phone_then_reuse_from_the_store(
    browser, live_server, scene, tree
):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    trace = Trace()
    page.on("load", lambda _: setattr(trace, "pages", trace.pages + 1))

    page.goto("/login/?next=/procedures/1.001193/")
    type_into(trace, page, "Tên đăng nhập", "huong@example.vn")
    type_into(trace, page, "Mật khẩu", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    trace.step("đăng nhập")

    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page.get_by_label("Họ và tên (hoặc tên tổ chức)")).to_have_value("Nguyễn Thị Hường")
    expect(page.get_by_label("Số định danh cá nhân (CCCD) hoặc mã số thuế")).to_have_value(
        "072190001234"
    )
    fits_the_phone(page)
    choose(trace, page, "Quan hệ với người được khai sinh", "Mẹ")
    type_into(trace, page, "Họ, chữ đệm, tên", "Trần Minh Khôi")
    choose(trace, page, "Giới tính", "Nam")
    type_into(trace, page, "Ngày, tháng, năm sinh", "14/02/2026")
    type_into(trace, page, "Nơi sinh", "Trung tâm Y tế huyện Tân Biên")
    type_into(trace, page, "Dân tộc", "Kinh")
    type_into(trace, page, "Quốc tịch", "Việt Nam")
    type_into(trace, page, "Họ, chữ đệm, tên người mẹ", "Nguyễn Thị Hường")
    type_into(trace, page, "Số định danh cá nhân của người mẹ", "072190001234")
    choose(trace, page, "Đề nghị cấp bản sao Giấy khai sinh", "Không")
    expect(page.get_by_label("Số bản sao")).to_be_hidden()
    choose(trace, page, "Đề nghị cấp bản sao Giấy khai sinh", "Có")
    expect(page.get_by_label("Số bản sao")).to_be_visible()
    type_into(trace, page, "Số bản sao", "1")
    choose(trace, page, "Nộp tới", str(tree["commune_a"].pk))
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    trace.step("tờ khai")

    expect(page.get_by_role("heading", level=1)).to_have_text("Tải lên giấy tờ")
    expect(page.locator("#documents")).to_contain_text("Lập từ tờ khai điện tử")
    fits_the_phone(page)
    photos = [
        {"name": "IMG_2031.jpg", "mimeType": "image/jpeg", "buffer": sideways_jpeg()},
        {
            "name": "IMG_2032.jpg",
            "mimeType": "image/jpeg",
            "buffer": encoded(paper(["Mặt sau"]), "JPEG"),
        },
    ]
    page.locator("#doc-2").set_input_files(photos)
    trace.typed += 1
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem lại trước khi nộp")
    trace.step("ảnh chụp giấy chứng sinh")

    fits_the_phone(page)
    expect(page.locator("main")).to_contain_text("Trần Minh Khôi")
    expect(page.locator("ul.files")).to_contain_text("IMG_2031.pdf")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBMITTED)  # committed
    dossier = Dossier.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {dossier.code}")
    trace.step("xem lại và nộp")

    total = sum(seconds for _, seconds in trace.steps)
    print(
        f"\nbirth registration at 390 px: {trace.typed} fields, {trace.pages} pages, "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in trace.steps)
        + f"; total {total:.1f} s"
    )
    # Login, the procedure, the e-form, the documents, the review, the tracking page.
    assert trace.pages == 6
    assert trace.typed == 16
    assert total < 300

    # The commune handles it; the signed birth certificate enters the citizen's store.
    officer = scene
    dossier = lifecycle.accept(dossier, actor=officer)
    dossier = lifecycle.forward(dossier, actor=officer)
    while dossier.status == "in_progress" and dossier.current_role != Role.APPROVER:
        dossier = lifecycle.forward(dossier, actor=officer)
    # Signing runs asyncio itself, which Playwright's running loop forbids in this thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_approve, dossier, officer).result()
    certificate = StoredDocument.objects.get(origin=Origin.RESULT)
    assert certificate.document_type.code == "giay_khai_sinh"

    # The next application offers that certificate instead of an upload.
    page.goto("/account/store/")
    expect(page.locator("main")).to_contain_text("Giấy khai sinh (bản chính)")
    page.goto("/apply/1.004859/")
    choose(trace, page, "Quan hệ với người có thông tin cần thay đổi, cải chính, bổ sung", "Mẹ")
    page.locator("#id_field_ho_ten_nguoi").fill("Trần Minh Khôi")
    page.locator("#id_field_ngay_sinh_nguoi").fill("14/02/2026")
    choose(trace, page, "Giấy tờ hộ tịch đã cấp", "Giấy khai sinh")
    type_into(trace, page, "Số, ngày cấp, cơ quan cấp", "Số 12, ngày 16/02/2026, UBND xã Tân Lập")
    choose(trace, page, "Đề nghị", "Bổ sung")
    type_into(trace, page, "Thông tin đề nghị ghi (thành)", "Quê quán: xã Hòa Hiệp")
    type_into(trace, page, "Lý do", "Bổ sung quê quán còn thiếu")
    choose(trace, page, "Nộp tới", str(tree["commune_a"].pk))
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    # The birth certificate comes from the store: nothing to upload for it.
    page.get_by_label("Dùng bản đã có trong kho dữ liệu", exact=False).check()
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem lại trước khi nộp")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBMITTED)  # committed
    second = Dossier.objects.exclude(pk=dossier.pk).get()
    reuse = Reuse.objects.get(dossier=second)
    assert reuse.stored == certificate
    context.close()
