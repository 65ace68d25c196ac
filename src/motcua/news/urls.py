from django.urls import path

from . import views
from .feeds import LatestArticles

app_name = "news"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("rss.xml", LatestArticles(), name="rss"),
    path("category/<slug:slug>/", views.category, name="category"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/cover/", views.cover, name="cover"),
]
