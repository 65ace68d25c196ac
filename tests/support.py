"""Shared helpers of the tests (fixtures live in conftest.py files)."""

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.dossiers import lifecycle

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args) -> datetime:
    """A datetime in Vietnam's time zone: vn(2025, 3, 3, 9)."""
    return datetime(*args, tzinfo=VN)


# Monday 03/03/2025 09:00: no holiday near it.
MONDAY = vn(2025, 3, 3, 9)


def walk_to(dossier, staff, status, at):
    """Move a dossier along the happy path from where it is up to `status`."""
    path = [
        ("received", None),
        ("in_progress", lambda d: lifecycle.forward(d, actor=staff["receiver"], at=at)),
        (
            "approved",
            lambda d: lifecycle.approve(
                lifecycle.forward(d, actor=staff["handler"], at=at), actor=staff["approver"], at=at
            ),
        ),
        ("result_ready", lambda d: lifecycle.mark_result_ready(d, actor=staff["handler"], at=at)),
        # A late result without an apology is returned only with its reason recorded.
        (
            "returned",
            lambda d: lifecycle.return_result(
                d,
                actor=staff["returner"],
                note="Trả kết quả trễ hạn." if at > d.due_at else "",
                at=at,
            ),
        ),
    ]
    order = [reached for reached, _ in path]
    for reached, step in path[order.index(dossier.status) + 1 : order.index(status) + 1]:
        dossier = step(dossier)
        assert dossier.status == reached
    return dossier


def staff_device(user):
    """A confirmed authenticator device for `user` (the second factor of staff logins)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    existing = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if existing is not None:  # e.g. the demo's device
        return existing
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device) -> str:
    """The code the authenticator app shows now for `device`."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def pass_second_factor(client, user) -> None:
    """Mark the test client's session as having passed the second factor with a device."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = staff_device(user).persistent_id
    session.save()


def blank_pdf() -> bytes:
    """A small, valid one-page PDF (uploads must open: security.uploads)."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True)
    return output.getvalue()


def log_in_in_browser(page, username: str, password: str, then: str, base: str = "") -> None:
    """Log in through the login page, passing the second factor where the account needs
    it (a device is given to an account of this test database), and wait for `then`."""
    from urllib.parse import urlsplit

    from django.contrib.auth import get_user_model
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    user = get_user_model().objects.filter(username=username).first()
    device = staff_device(user) if user is not None else None
    page.goto(f"{base}/login/?next={then}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path in (then, "/account/second-factor/"))
    if urlsplit(page.url).path != "/account/second-factor/":
        return
    # A code is good once (django-otp refuses a replayed time step), and a step may end
    # between reading and typing it: a refused code is typed again in the next step.
    arrived = lambda url: urlsplit(url).path == then  # noqa: E731
    page.get_by_label("Mã xác thực").fill(totp_code(device))
    page.keyboard.press("Enter")
    try:
        page.wait_for_url(arrived, timeout=5_000)
    except PlaywrightTimeout:
        time.sleep(device.step - time.time() % device.step + 1)
        page.get_by_label("Mã xác thực").fill(totp_code(device))
        page.keyboard.press("Enter")
        page.wait_for_url(arrived)
