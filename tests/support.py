"""Shared helpers of the tests (fixtures live in conftest.py files)."""

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
        ("returned", lambda d: lifecycle.return_result(d, actor=staff["returner"], at=at)),
    ]
    order = [reached for reached, _ in path]
    for reached, step in path[order.index(dossier.status) + 1 : order.index(status) + 1]:
        dossier = step(dossier)
        assert dossier.status == reached
    return dossier


def staff_device(user):
    """A confirmed authenticator device for `user` (the second factor of staff logins)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    return device


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
