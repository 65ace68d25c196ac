"""Staff sessions: an idle timeout of their own, and the second factor before any page.

A staff session that saw no request for MOTCUA_STAFF_IDLE_MINUTES is logged out (citizens
keep the ordinary session length; the last request is recorded to the minute). An account
that must use a second factor (`staff.needs_second_factor`) reaches only the second-factor
pages, the logout and static files until it has passed one.
"""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .staff import is_staff_member, needs_second_factor

logger = logging.getLogger("motcua.security")
LAST_SEEN = "motcua_last_seen"
# The last request is written at most once a minute: a session saved on every request
# would cost each staff page a database write. The idle window may so end up to a minute
# early, never late.
LAST_SEEN_STEP = 60
IDLE_MESSAGE = "Phiên làm việc đã hết hạn vì không hoạt động. Xin đăng nhập lại."
_OPEN_PREFIXES = ("/account/second-factor/", "/logout/", "/static/", "/i18n/")


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and is_staff_member(user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen and now - last_seen > settings.MOTCUA_STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, IDLE_MESSAGE)
                return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.path})}")
            if not last_seen or now - last_seen >= LAST_SEEN_STEP:
                request.session[LAST_SEEN] = now
            if (
                not request.path.startswith(_OPEN_PREFIXES)
                and not user.is_verified()
                and needs_second_factor(user)
            ):
                target = reverse("security:second_factor")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


TOO_LARGE = (
    "<!doctype html><html lang=vi><meta charset=utf-8><title>Tệp quá lớn</title>"
    "<h1>Dữ liệu gửi lên quá lớn</h1><p>Tổng dung lượng các tệp vượt quá {mb} MB. "
    "Xin quay lại, chọn tệp nhỏ hơn hoặc gửi từng tệp một.</p>"
)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MOTCUA_REQUEST_MAX_BYTES from its Content-Length, before a
    byte of it is read (Django reads no more than Content-Length says)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MOTCUA_REQUEST_MAX_BYTES
        if length > limit:
            body = TOO_LARGE.format(mb=limit // (1024 * 1024))
            return HttpResponse(body, status=413)
        return self.get_response(request)


DATABASE_DOWN = (
    "<!doctype html><html lang=vi><meta charset=utf-8><title>Tạm thời gián đoạn</title>"
    "<h1>Hệ thống tạm thời gián đoạn</h1><p>Không kết nối được cơ sở dữ liệu. Thao tác vừa "
    "rồi chưa được thực hiện, không có gì bị ghi dở. Xin thử lại sau ít phút.</p>"
)


class DatabaseUnavailableMiddleware:
    """A database that went away mid-request (a restart, a failover) gives a clear 503;
    the request's transaction was rolled back, so nothing is half-done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("database unavailable: %s", exception)
            return HttpResponse(DATABASE_DOWN, status=503, headers={"Retry-After": "30"})
        return None
