"""No public page needs more than 200 KB of HTML, CSS and JavaScript (images aside)."""

import pytest
from django.utils import timezone

from motcua.news.models import Article, ArticleStatus, Category

BUDGET = 200 * 1024
COUNTED = {"document", "stylesheet", "script"}


@pytest.fixture
def pages(tree, make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn", online_level="full")
    category = Category.objects.create(name="Một cửa, dịch vụ công", slug="mot-cua")
    article = None
    for n in range(20):
        article = Article.objects.create(
            title=f"Hướng dẫn nộp hồ sơ trực tuyến số {n}",
            summary="Người dân có thể nộp hồ sơ mọi lúc, mọi nơi. " * 4,
            body="<p>" + "Nội dung hướng dẫn chi tiết. " * 200 + "</p>",
            category=category,
            agency=tree["district"],
            status=ArticleStatus.PUBLISHED,
            published_at=timezone.now(),
        )
    return [
        "/",
        "/procedures/",
        "/procedures/1.000894/",
        "/news/",
        article.get_absolute_url(),
        "/track/",
        "/login/",
    ]


def test_every_public_page_weighs_less_than_200_kb(page, pages):
    loaded = []
    page.on("response", lambda response: loaded.append(response))
    weights = {}
    for path in pages:
        loaded.clear()
        page.goto(path, wait_until="networkidle")
        weights[path] = sum(
            len(response.body())
            for response in loaded
            if response.request.resource_type in COUNTED and response.status == 200
        )
    print({path: f"{size / 1024:.1f} KB" for path, size in weights.items()})
    assert {path: size for path, size in weights.items() if size >= BUDGET} == {}
    assert all(size > 1000 for size in weights.values())  # the pages were really measured
