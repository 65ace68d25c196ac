"""Publishing articles: only an editor (permission `news.publish_article`) may do it."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Article, ArticleStatus

PERMISSION = "news.publish_article"


def may_publish(user) -> bool:
    """Whether `user` holds the editor's permission."""
    return user.has_perm(PERMISSION)


def publish(article: Article, *, user, at: datetime | None = None) -> Article:
    """Put a draft on the portal, dated `at` (default now; kept when already published).

    >>> publish(draft, user=editor).status
    'published'
    """
    if not may_publish(user):
        raise PermissionDenied("Chỉ biên tập viên được đăng bài.")
    article.status = ArticleStatus.PUBLISHED
    article.published_at = article.published_at or at or timezone.now()
    article.save()
    return article


def unpublish(article: Article, *, user) -> Article:
    """Take an article off the portal (back to draft)."""
    if not may_publish(user):
        raise PermissionDenied("Chỉ biên tập viên được gỡ bài.")
    article.status = ArticleStatus.DRAFT
    article.save()
    return article
