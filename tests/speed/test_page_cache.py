"""Anonymous portal pages and API lists come from the cache until what they show changes."""

import os
import re
import socket
import subprocess
import sys

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.news.models import Article, ArticleStatus, Category

REDIS_URL = "redis://127.0.0.1:6379/15"
REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}


def _received(html: str) -> int:
    return int(re.search(r"<strong>([\d.]+)</strong> hồ sơ tiếp nhận", html)[1].replace(".", ""))


@pytest.fixture
def catalog(make_procedure):
    for i in range(5):
        make_procedure(f"9.{i:06d}", f"Thủ tục thử nghiệm số {i}", field=("TN", "Thử nghiệm"))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/procedures/",
        "/procedures/9.000002/",
        "/api/v1/procedures",
        "/api/v1/procedures/9.000002",
        "/api/v1/fields",
        "/api/v1/agencies",
    ],
)
def test_a_cached_page_is_served_without_queries(catalog, url, django_assert_num_queries):
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_a_visitor_who_tracked_a_dossier_is_served_from_the_cache(
    catalog, django_assert_num_queries
):
    first = Client().get("/procedures/").content
    client = Client()
    session = client.session
    session["portal_tracked"] = ["000.00.00.H56-260101-0001"]
    session.save()
    client.cookies["sessionid"] = session.session_key
    with django_assert_num_queries(1):  # the session itself
        again = client.get("/procedures/")
    assert again.content == first


def test_a_visitor_with_a_message_waiting_gets_the_page_with_it(catalog):
    Client().get("/procedures/")
    storage = CookieStorage(RequestFactory().get("/"))
    client = Client()
    client.cookies[storage.cookie_name] = storage._encode([Message(INFO, "Đã gửi phản ánh.")])
    assert "Đã gửi phản ánh." in client.get("/procedures/").content.decode()


def test_a_logged_in_visitor_is_never_served_the_anonymous_copy(catalog, staff):
    Client().get("/procedures/")
    client = Client()
    client.force_login(staff["handler"])
    assert "Đăng xuất" in client.get("/procedures/").content.decode()


def test_a_catalog_change_shows_on_the_next_request(catalog):
    client = Client()
    assert "Thủ tục thử nghiệm số 3" in client.get("/procedures/").content.decode()
    assert client.get("/api/v1/procedures/9.000003").json()["name"] == "Thủ tục thử nghiệm số 3"
    procedure = Procedure.objects.get(code="9.000003")
    procedure.name = "Cấp giấy phép thử nghiệm"
    procedure.save()
    assert "Cấp giấy phép thử nghiệm" in client.get("/procedures/").content.decode()
    assert client.get("/api/v1/procedures/9.000003").json()["name"] == "Cấp giấy phép thử nghiệm"


def test_a_news_post_shows_on_the_next_request(tree):
    client = Client()
    assert "Đường dây nóng mới" not in client.get("/").content.decode()
    Article.objects.create(
        title="Đường dây nóng mới",
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        category=Category.objects.create(name="Thông báo", slug="thong-bao"),
        agency=tree["district"],
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    assert "Đường dây nóng mới" in client.get("/").content.decode()


def test_a_new_dossier_shows_in_the_figures_on_the_next_request(receive):
    client = Client()
    receive(at=timezone.now())
    before = _received(client.get("/").content.decode())
    receive(at=timezone.now())
    assert _received(client.get("/").content.decode()) == before + 1


def test_the_cache_is_redis_when_a_url_is_set():
    configured = subprocess.run(
        [
            sys.executable,
            "-c",
            "from motcua import settings; print(settings.CACHES, settings.SESSION_ENGINE)",
        ],
        env={**os.environ, "MOTCUA_CACHE_URL": REDIS_URL},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "RedisCache" in configured and REDIS_URL in configured
    assert configured.split()[-1] == "django.contrib.sessions.backends.cached_db"


def test_pages_are_cached_in_redis_when_a_url_is_set(catalog, django_assert_num_queries):
    """Runs in CI (.ci/run starts Redis on loopback); fails, not skips, without it."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        pytest.fail(f"Redis is not reachable on 127.0.0.1:6379 ({error}); start redis-server")
    with override_settings(CACHES=REDIS):
        cache = caches["default"]
        cache.clear()
        try:
            assert type(cache).__name__ == "RedisCache"
            client = Client()
            first = client.get("/procedures/")
            with django_assert_num_queries(0):
                assert client.get("/procedures/").content == first.content
            assert any(b"page:" in key for key in cache._cache.get_client().keys("*"))
            procedure = Procedure.objects.get(code="9.000001")
            procedure.active = False
            procedure.save()
            assert "Thủ tục thử nghiệm số 1<" not in client.get("/procedures/").content.decode()
        finally:
            cache.clear()


def test_sessions_are_read_from_redis_when_a_url_is_set(staff):
    with override_settings(
        CACHES=REDIS, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        cache = caches["default"]
        cache.clear()
        try:
            client = Client()
            client.force_login(staff["handler"])
            client.get("/office/")
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/office/").status_code == 200
            assert not [q for q in queries if "django_session" in q["sql"]]
            cache.clear()  # a flushed cache: the session is still in the database
            assert client.get("/office/").status_code == 200
        finally:
            cache.clear()
