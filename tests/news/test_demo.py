import time

from django.utils import timezone

from motcua.news.demo import generate_demo_articles
from motcua.news.models import Article, ArticleStatus


def test_the_demo_district_publishes_869_articles_over_2022_once(tree):
    started = time.perf_counter()
    assert generate_demo_articles() == 869
    elapsed = time.perf_counter() - started
    assert elapsed < 10

    articles = Article.objects.filter(agency=tree["district"])
    assert articles.filter(status=ArticleStatus.PUBLISHED).count() == 869
    moments = [timezone.localtime(at) for at in articles.values_list("published_at", flat=True)]
    assert {m.year for m in moments} == {2022}
    assert len({m.month for m in moments}) == 12
    assert all(m.weekday() < 5 and 7 <= m.hour < 17 for m in moments)
    assert articles.values("category").distinct().count() == 6
    assert articles.values("title").distinct().count() > 150  # varied, not one text repeated

    slugs = set(articles.values_list("slug", flat=True))
    assert generate_demo_articles() == 0  # idempotent: the same articles, not new ones
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
