import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from motcua.news.models import Article, ArticleStatus, Category


@pytest.fixture
def category(db):
    return Category.objects.create(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")


@pytest.fixture
def editor(make_user):
    user = make_user("bientap", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news",
            codename__in=["publish_article", "add_article", "change_article", "view_article"],
        )
    )
    return user


@pytest.fixture
def writer(make_user):
    user = make_user("phongvien", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    return user


@pytest.fixture
def make_article(tree, category):
    def make(title="Tin cải cách", status=ArticleStatus.PUBLISHED, at=None, **extra):
        return Article.objects.create(
            title=title,
            summary=extra.pop("summary", "Tóm tắt."),
            body=extra.pop("body", "<p>Nội dung.</p>"),
            category=extra.pop("category", category),
            agency=tree["district"],
            status=status,
            published_at=at or (timezone.now() if status == ArticleStatus.PUBLISHED else None),
            **extra,
        )

    return make
