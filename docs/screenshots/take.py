"""Take the README's screenshots with Playwright (Debian's Chromium) from a running demo.

    export DATABASE_URL=sqlite:////tmp/motcua-shots.sqlite3
    .venv/bin/motcua migrate && .venv/bin/motcua demo
    .venv/bin/gunicorn motcua.wsgi --bind 127.0.0.1:8001 &
    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8001

It adds to that database what the pictures need (a citizen account, one dossier to track):
run it against a throwaway copy of the demo, never a real database.
"""

import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
# Playwright's sync API runs an event loop in this thread; the ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from motcua.catalog.models import Procedure  # noqa: E402
from motcua.dossiers import lifecycle  # noqa: E402
from motcua.dossiers.applicants import Applicant  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.org.models import Agency  # noqa: E402
from motcua.portal.models import CitizenProfile  # noqa: E402

HERE = Path(__file__).resolve().parent
PROCEDURE = "1.001193"  # Đăng ký khai sinh: online, at the commune
COMMUNE = "000.21.21.H56"
PHONE = "0912345678"


def citizen_session() -> str:
    """A logged-in session of the demo citizen (created once)."""
    user, created = get_user_model().objects.get_or_create(
        username="congdan.minhhoa",
        defaults={"first_name": "Nguyễn Văn", "last_name": "An", "email": "an@example.vn"},
    )
    if created:
        user.set_password("motcua-demo")
        user.save()
    CitizenProfile.objects.update_or_create(
        user=user,
        defaults={
            "phone": PHONE,
            "id_number": "072095001234",
            "address": "Khu phố 1, thị trấn Tân Biên",
        },
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def tracked_dossier() -> Dossier:
    """A dossier of the demo with a phone number, or one received now at the commune's desk
    (taken after the pictures of the year's figures, which it would change)."""
    existing = Dossier.objects.exclude(applicant_phone="").order_by("-pk").first()
    if existing:
        return existing
    commune = Agency.objects.get(code=COMMUNE)
    receiver = get_user_model().objects.get(username="tiepnhan.tttanbien")
    procedure = Procedure.objects.get(code=PROCEDURE)
    return lifecycle.receive(
        actor=receiver,
        procedure=procedure,
        agency=commune,
        applicant=Applicant(
            kind="individual",
            name="Nguyễn Văn An",
            id_number="072095001234",
            phone=PHONE,
            address="Khu phố 1, thị trấn Tân Biên",
        ),
        documents_received=[document.order for document in procedure.documents.all()],
    )


def main(base: str) -> None:
    session_key = citizen_session()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            base_url=base, locale="vi-VN", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        for name, path in [
            ("home", "/"),
            ("catalog", "/procedures/"),
            ("news", "/news/"),
        ]:
            page.goto(path)
            page.screenshot(path=HERE / f"{name}.png", full_page=False)

        dossier = tracked_dossier()
        page.goto("/track/")
        page.get_by_label("Mã hồ sơ").fill(dossier.code)
        page.get_by_label("Số điện thoại hoặc số định danh", exact=False).fill(
            dossier.applicant_phone
        )
        page.get_by_role("button", name="Tra cứu").click()
        page.screenshot(path=HERE / "tracking.png", full_page=False)

        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base}]
        )
        page.goto(f"/apply/{PROCEDURE}/")
        page.screenshot(path=HERE / "apply.png", full_page=False)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
