"""Public news pages: list, category, article, cover image."""

import mimetypes

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from motcua.text import sort_key

from .models import Article, Category
from .queries import public_articles

PER_PAGE = 12


def _listing(request, articles, **context):
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    categories = sorted(
        Category.objects.filter(articles__isnull=False).distinct(), key=lambda c: sort_key(c.name)
    )
    return render(request, "news/list.html", {"page": page, "categories": categories, **context})


def article_list(request):
    """All published news, newest first, 12 a page."""
    return _listing(request, public_articles())


def category(request, slug: str):
    """The published news of one category."""
    chosen = get_object_or_404(Category, slug=slug)
    return _listing(request, public_articles().filter(category=chosen), category=chosen)


def _visible(request, slug: str) -> Article:
    """A published article; drafts only for staff who may edit news (preview)."""
    if request.user.has_perm("news.change_article"):
        return get_object_or_404(Article.objects.select_related("category", "agency"), slug=slug)
    return get_object_or_404(public_articles().select_related("agency"), slug=slug)


def detail(request, slug: str):
    article = _visible(request, slug)
    related = public_articles().filter(category=article.category).exclude(pk=article.pk)[:4]
    return render(request, "news/detail.html", {"article": article, "related": related})


@cache_control(public=True, max_age=86400)
def cover(request, slug: str):
    """The cover image, read through the storage API (local disk or object storage)."""
    article = _visible(request, slug)
    if not article.cover:
        raise Http404
    content_type = mimetypes.guess_type(article.cover.name)[0] or "application/octet-stream"
    return FileResponse(article.cover.open("rb"), content_type=content_type)
