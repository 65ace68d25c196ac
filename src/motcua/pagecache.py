"""Anonymous portal pages and API lists, cached whole (Django's cache framework).

A page is kept under its path and query string together with the *versions* of what it
shows: `content` (catalog, agencies, news) and, for the home page, `figures` (the report
rollups, moved by every dossier event). A change bumps its version, so the next request
misses and renders anew; old entries simply expire. Only visitors who are not signed in
are served from or stored in the cache (a session that holds no user, such as a tracking
visitor's, does not count), and only a 200 response that set no cookie and used no CSRF
token (a form on the page) is stored.

The cache is local memory by default (one per process: a change made in another process
shows once the entry expires, `MOTCUA_CACHE_SECONDS`), and Redis when `MOTCUA_CACHE_URL` is
set, shared by every process and server, so a change shows at once everywhere.

    @cached_page("content", "figures")
    def home(request): ...
"""

from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction

CONTENT = "content"
FIGURES = "figures"
_PREFIX = "page"


def versions(*names: str) -> tuple[int, ...]:
    """The current version of each of `names` (1 before any change)."""
    keys = [f"{_PREFIX}:v:{name}" for name in names]
    found = cache.get_many(keys)
    missing = {key: 1 for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
    return tuple(found.get(key, 1) for key in keys)


def bump(name: str) -> None:
    """Make every page showing `name` stale: now (this transaction's reads) and again on
    commit (a page rendered meanwhile from the old rows is not kept)."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))


def _bump(name: str) -> None:
    key = f"{_PREFIX}:v:{name}"
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted)
        cache.set(key, 2, timeout=None)


def remembered(key: str, shows: tuple[str, ...], compute):
    """`compute()`, kept in the cache until one of the versions `shows` changes."""
    stamp = ".".join(map(str, versions(*shows)))
    full = f"{_PREFIX}:value:{key}:{stamp}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, settings.MOTCUA_CACHE_SECONDS)
    return value


def connect() -> None:
    """Bump `CONTENT` on any change to the catalog, agencies or news, and `FIGURES` on
    every dossier event (the rollups move with it)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from motcua.dossiers.signals import event_recorded

    def content_changed(sender, **kwargs) -> None:
        if sender._meta.app_label in ("catalog", "news", "org"):
            bump(CONTENT)

    def figures_changed(sender, **kwargs) -> None:
        bump(FIGURES)

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pagecache-content-{id(signal)}", weak=False)
    event_recorded.connect(figures_changed, dispatch_uid="pagecache-figures", weak=False)


def cacheable(request) -> bool:
    """A GET from a visitor who is not signed in and has no message waiting (messages live
    in their cookie; the session only takes the overflow, with the cookie set). A session
    alone does not make a visitor different: a citizen who tracked a dossier has one (the
    codes they looked up) and sees the same catalog and home as everybody."""
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return SESSION_KEY not in request.session


def cached_page(*shows: str):
    """Serve the view's response from the cache to anonymous visitors; `shows` names the
    versions the page depends on (`CONTENT`, `FIGURES`)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not cacheable(request):
                return view(request, *args, **kwargs)
            path = request.get_full_path()
            htmx = request.headers.get("HX-Request", "")
            stamp = ".".join(map(str, versions(*shows)))
            digest = sha256(f"{htmx}|{path}".encode()).hexdigest()
            key = f"{_PREFIX}:{stamp}:{digest}"
            response = cache.get(key)
            if response is not None:
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                and not response.streaming
                and getattr(response, "is_rendered", True)
            ):
                cache.set(key, response, settings.MOTCUA_CACHE_SECONDS)
            return response

        return wrapped

    return decorate
