from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "motcua.ui"
    verbose_name = "Giao diện"
