"""The demo district's 869 published news articles of 2022 (motcua demo).

Deterministic (fixed seed, texts from `data/demo.toml`, never from tables an administrator
edits), idempotent (articles are known by their slugs; only missing ones are created) and
fast (one bulk insert).
"""

import random
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.org.models import Agency

from .models import Article, ArticleStatus, Category, slug_for
from .sanitize import clean_html

DATA = Path(__file__).resolve().parent / "data" / "demo.toml"
DISTRICT = "000.00.21.H56"
COUNT = 869
YEAR = 2022
SEED = 2022


def _weekday_moments(rng: random.Random, count: int, year: int) -> list[datetime]:
    """`count` moments in office hours on weekdays of `year`, in order."""
    zone = ZoneInfo(settings.TIME_ZONE)
    first = date(year, 1, 1)
    days = [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]
    weekdays = [day for day in days if day.weekday() < 5]
    return sorted(
        datetime.combine(
            rng.choice(weekdays), time(rng.randint(7, 16), rng.randrange(0, 60, 5)), zone
        )
        for _ in range(count)
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unit_name(agency: Agency) -> str:
    return agency.name.removeprefix("Ủy ban nhân dân ").strip()


def build_articles(district: Agency, count: int = COUNT, year: int = YEAR) -> list[Article]:
    """The demo articles (unsaved), the same ones on every call."""
    with DATA.open("rb") as file:
        data = tomllib.load(file)
    categories = data["categories"]
    rng = random.Random(SEED)
    units = [_unit_name(a) for a in district.children.filter(kind__code="commune")] or [
        _unit_name(district)
    ]
    weights = [c["weight"] for c in categories]
    by_slug = {
        c["slug"]: Category.objects.get_or_create(slug=c["slug"], defaults={"name": c["name"]})[0]
        for c in categories
    }
    author = get_user_model().objects.filter(username="admin").first()
    articles, slugs = [], set()
    for at in _weekday_moments(rng, count, year):
        category = rng.choices(categories, weights)[0]
        slots = {
            "don_vi": rng.choice(units),
            "huyen": _unit_name(district),
            "thu_tuc": rng.choice(data["procedures"]),
            "linh_vuc": rng.choice(data["fields"]),
            "thang": at.month,
            "quy": (at.month - 1) // 3 + 1,
            "nam": at.year,
            "so": rng.randint(3, 60),
        }
        story = rng.choice(category["stories"])
        title = _capitalised(story["title"].format(**slots))
        paragraphs = rng.sample(category["paragraphs"], k=min(4, len(category["paragraphs"])))
        body = "".join(f"<p>{p.format(**slots)}</p>" for p in paragraphs)
        slug = base = slug_for(title)
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        articles.append(
            Article(
                title=title,
                slug=slug,
                summary=_capitalised(story["summary"].format(**slots)),
                body=clean_html(body),
                category=by_slug[category["slug"]],
                author=author,
                agency=district,
                status=ArticleStatus.PUBLISHED,
                published_at=at,
            )
        )
    return articles


@transaction.atomic
def generate_demo_articles(count: int = COUNT) -> int:
    """Create the demo district's published articles that are missing; return how many."""
    district = Agency.objects.get(code=DISTRICT)
    articles = build_articles(district, count)
    existing = set(
        Article.objects.filter(slug__in=[a.slug for a in articles]).values_list("slug", flat=True)
    )
    missing = [a for a in articles if a.slug not in existing]
    Article.objects.bulk_create(missing, batch_size=500)
    return len(missing)
