"""One-time codes (OTP) sent through the notification outbox.

A code has 6 digits, lives 10 minutes and allows 5 wrong tries; a new code replaces the
old one. Only a keyed hash is stored.

>>> issue(user, CodePurpose.VERIFY, to_email="binh@example.vn")
>>> check(user, CodePurpose.VERIFY, "482913").ok
True
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.notify.outbox import enqueue

from ..models import CodePurpose, OneTimeCode

LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
TEMPLATES = {CodePurpose.VERIFY: "otp", CodePurpose.RESET: "password_reset"}


def _hash(user, purpose: str, code: str) -> str:
    message = f"{user.pk}:{purpose}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def issue(user, purpose: str, *, to_email: str = "", to_phone: str = "") -> None:
    """Make a new code for `user` (older ones stop working) and put it in the outbox."""
    now = timezone.now()
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        code_hash=_hash(user, purpose, code),
        created_at=now,
        expires_at=now + LIFETIME,
    )
    enqueue(
        template=TEMPLATES[purpose],
        context={"code": code, "minutes": int(LIFETIME.total_seconds() // 60)},
        to_email=to_email,
        to_phone=to_phone,
    )


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str = ""


@transaction.atomic
def check(user, purpose: str, code: str) -> Check:
    """Try `code` against the user's current code; a right code is used up."""
    now = timezone.now()
    current = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if current is None or current.expires_at <= now:
        return Check(False, "Mã xác thực đã hết hạn. Hãy bấm “Gửi lại mã” để nhận mã mới.")
    if current.attempts >= MAX_ATTEMPTS:
        return Check(
            False,
            f"Đã nhập sai quá {MAX_ATTEMPTS} lần. Hãy bấm “Gửi lại mã” để nhận mã mới.",
        )
    if not hmac.compare_digest(current.code_hash, _hash(user, purpose, code.strip())):
        current.attempts += 1
        current.save(update_fields=["attempts"])
        left = MAX_ATTEMPTS - current.attempts
        if left == 0:
            return Check(
                False,
                f"Mã xác thực không đúng. Đã nhập sai {MAX_ATTEMPTS} lần: "
                "hãy bấm “Gửi lại mã” để nhận mã mới.",
            )
        return Check(False, f"Mã xác thực không đúng. Ông/bà còn {left} lần thử.")
    current.used_at = now
    current.save(update_fields=["used_at"])
    return Check(True)
