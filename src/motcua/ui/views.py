"""Pages every part of the site shares."""

from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.cache import cache_control

# The star of `favicon.svg` drawn at 16, 32 and 48 px, for browsers that ask the site root.
FAVICON = Path(__file__).resolve().parent / "static" / "ui" / "favicon.ico"


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """/favicon.ico: what browsers fetch when a page names no icon (admin, API docs)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
