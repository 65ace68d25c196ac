"""The RSS feed of the portal's news (/news/rss.xml)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from .queries import public_articles


class LatestArticles(Feed):
    title = "Tin tức — Cổng dịch vụ công"
    link = reverse_lazy("news:list")
    description = "Tin cải cách hành chính, một cửa, dịch vụ công trực tuyến."
    language = "vi"

    def items(self):
        return public_articles()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]
