from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "motcua.news"
    verbose_name = "Tin tức"
