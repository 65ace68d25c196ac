from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from motcua.news.admin import ArticleAdmin
from motcua.news.models import Article, ArticleStatus, slug_for
from motcua.news.services import publish, unpublish


def test_only_an_editor_publishes_a_draft(make_article, writer, editor):
    draft = make_article(status=ArticleStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        publish(draft, user=writer)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT and draft.published_at is None

    publish(draft, user=editor)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED and draft.published_at is not None

    unpublish(draft, user=editor)
    assert Article.objects.get(pk=draft.pk).status == ArticleStatus.DRAFT


def test_a_writer_cannot_set_the_status_nor_edit_what_is_published(make_article, writer, editor):
    admin = ArticleAdmin(Article, site)
    request = RequestFactory().get("/")
    request.user = writer
    assert {"status", "published_at"} <= set(admin.get_readonly_fields(request))
    assert "publish_selected" not in admin.get_actions(request)
    assert admin.has_change_permission(request, make_article(status=ArticleStatus.DRAFT))
    assert not admin.has_change_permission(request, make_article(title="Đã đăng"))

    request.user = editor
    assert "status" not in admin.get_readonly_fields(request)
    assert "publish_selected" in admin.get_actions(request)


def test_the_body_is_sanitised_when_saved(make_article):
    article = make_article(
        body='<p onclick="steal()">Xin <strong>chào</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src="x" onerror="alert(1)">'
    )
    article.refresh_from_db()
    assert "<script" not in article.body and "onclick" not in article.body
    assert "javascript:" not in article.body and "onerror" not in article.body
    assert "<p>Xin <strong>chào</strong></p>" in article.body


def test_slugs_come_from_the_vietnamese_title_and_stay_unique(make_article):
    assert slug_for("Đăng ký KẾT HÔN trực tuyến!") == "dang-ky-ket-hon-truc-tuyen"
    first = make_article(title="Thông báo lịch tiếp công dân")
    second = make_article(title="Thông báo lịch tiếp công dân")
    assert (first.slug, second.slug) == (
        "thong-bao-lich-tiep-cong-dan",
        "thong-bao-lich-tiep-cong-dan-2",
    )


def test_drafts_and_future_articles_are_not_on_the_portal(client, make_article):
    make_article(title="Bài đã đăng")
    draft = make_article(title="Bài nháp", status=ArticleStatus.DRAFT)
    later = make_article(title="Bài hẹn giờ", at=timezone.now() + timedelta(days=1))

    page = client.get("/news/").content.decode()
    assert "Bài đã đăng" in page
    assert "Bài nháp" not in page and "Bài hẹn giờ" not in page
    assert client.get(f"/news/{draft.slug}/").status_code == 404
    assert client.get(f"/news/{later.slug}/").status_code == 404


def test_an_editor_previews_a_draft(client, make_article, editor):
    draft = make_article(title="Bài nháp", status=ArticleStatus.DRAFT)
    client.force_login(editor)
    page = client.get(f"/news/{draft.slug}/").content.decode()
    assert "Bản nháp" in page


def test_an_editor_publishes_from_the_admin(client, editor, category, tree):
    client.force_login(editor)
    response = client.post(
        "/admin/news/article/add/",
        {
            "title": "Lịch tiếp công dân tháng 5",
            "slug": "",
            "summary": "Tóm tắt.",
            "body": "<p>Nội dung</p><script>x()</script>",
            "cover_alt": "",
            "category": category.pk,
            "agency": tree["district"].pk,
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert (article.slug, article.status, article.author) == (
        "lich-tiep-cong-dan-thang-5",
        ArticleStatus.PUBLISHED,
        editor,
    )
    assert article.published_at is not None and article.body == "<p>Nội dung</p>"
