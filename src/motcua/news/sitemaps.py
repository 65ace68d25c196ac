"""sitemap.xml: the news, the procedures of the public catalog, and the fixed pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from motcua.catalog.models import Procedure

from .queries import public_articles


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return public_articles()

    def lastmod(self, item):
        return item.updated_at


class ProcedureSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Procedure.objects.filter(active=True).order_by("code")

    def location(self, item):
        return reverse("portal:procedure", args=[item.code])


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["portal:home", "portal:procedures", "portal:track", "news:list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "procedures": ProcedureSitemap, "news": ArticleSitemap}
