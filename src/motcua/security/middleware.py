"""Staff sessions: an idle timeout of their own, and the second factor before any page.

A staff session that saw no request for MOTCUA_STAFF_IDLE_MINUTES is logged out (citizens
keep the ordinary session length). An account that must use a second factor
(`staff.needs_second_factor`) reaches only the second-factor pages, the logout and static
files until it has passed one.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .staff import is_staff_member, needs_second_factor

LAST_SEEN = "motcua_last_seen"
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
