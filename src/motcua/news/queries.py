"""What the portal shows: published articles whose publish time has come."""

from django.utils import timezone

from .models import Article


def public_articles():
    """Published articles, newest first; one dated in the future appears at that time."""
    return (
        Article.published.filter(published_at__lte=timezone.now())
        .select_related("category")
        .order_by("-published_at", "-pk")
    )
