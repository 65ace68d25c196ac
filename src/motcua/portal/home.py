"""The portal's home page: search, popular procedures, latest news, the year's figures."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.utils import timezone

from motcua import pagecache
from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Channel, Dossier
from motcua.news.queries import public_articles
from motcua.org.models import Agency
from motcua.reports.figures import flows

POPULAR = 8
LATEST_NEWS = 5


@dataclass(frozen=True)
class YearFigures:
    """The headline figures of a year, as the seed's review states them."""

    year: int
    received: int
    online: int
    early_or_on_time: int
    late: int

    @property
    def resolved(self) -> int:
        return self.early_or_on_time + self.late

    @property
    def online_share(self) -> float | None:
        return self.online / self.received if self.received else None

    @property
    def on_time_share(self) -> float | None:
        return self.early_or_on_time / self.resolved if self.resolved else None


def year_figures(year: int) -> YearFigures:
    """Dossiers received in `year` (of which online), and those resolved in it early or on
    time and late, summed over the report rollups of every agency (no dossier is scanned).

    >>> year_figures(2022).received
    3061
    """
    sums = flows(
        _all_agencies(),
        date(year, 1, 1),
        date(year, 12, 31),
        by=("channel",),
        measures=("received", "early", "on_time", "late"),
    )
    total = Counter()
    for counts in sums.values():
        total.update(counts)
    return YearFigures(
        year=year,
        received=total["received"],
        online=sums.get((Channel.ONLINE,), {}).get("received", 0),
        early_or_on_time=total["early"] + total["on_time"],
        late=total["late"],
    )


def _all_agencies() -> list[int]:
    return list(Agency.objects.values_list("pk", flat=True))


def home_figures(now: datetime) -> YearFigures:
    """This year's figures; before the first dossier of the year (or in a demo of a past
    year), those of the year of the latest dossier."""
    figures = year_figures(timezone.localtime(now).year)
    if figures.received:
        return figures
    latest = Dossier.objects.aggregate(latest=Max("received_at"))["latest"]
    if latest is None or timezone.localtime(latest).year == figures.year:
        return figures
    return year_figures(timezone.localtime(latest).year)


def popular_procedures(now: datetime) -> list[Procedure]:
    """The procedures with most dossiers received in the last 12 months, or, without any,
    the list the administrator chose (`MOTCUA_POPULAR_PROCEDURES`)."""
    today = timezone.localdate(now)
    received = flows(
        _all_agencies(),
        today - timedelta(days=365),
        today,
        by=("procedure_id",),
        measures=("received",),
    )
    ranked = sorted(
        ((counts["received"], key[0]) for key, counts in received.items() if counts["received"]),
        key=lambda item: (-item[0], item[1]),
    )
    ids = [procedure for _, procedure in ranked[:POPULAR]]
    if ids:
        chosen = Procedure.objects.filter(active=True).in_bulk(ids)
        return [chosen[pk] for pk in ids if pk in chosen]
    codes = settings.MOTCUA_POPULAR_PROCEDURES
    chosen = {p.code: p for p in Procedure.objects.filter(active=True, code__in=codes)}
    return [chosen[code] for code in codes if code in chosen]


@pagecache.cached_page(pagecache.CONTENT, pagecache.FIGURES)
def home(request):
    now = timezone.now()
    fields = Field.objects.annotate(
        count=Count("procedures", filter=Q(procedures__active=True))
    ).order_by("sort_key", "code")  # an aggregate query drops Meta.ordering
    context = {
        "figures": pagecache.remembered(
            f"home-figures:{timezone.localdate(now)}",
            (pagecache.FIGURES,),
            lambda: home_figures(now),
        ),
        "popular": pagecache.remembered(
            f"home-popular:{timezone.localdate(now)}",
            (pagecache.CONTENT, pagecache.FIGURES),
            lambda: popular_procedures(now),
        ),
        "news": public_articles()[:LATEST_NEWS],
        "fields": fields.filter(count__gt=0),
    }
    return render(request, "portal/home.html", context)
