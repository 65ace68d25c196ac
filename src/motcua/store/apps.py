from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "motcua.store"
    verbose_name = "Kho dữ liệu điện tử của tổ chức, cá nhân"

    def ready(self):
        from . import receivers  # noqa: F401  (keeps signed results for their owners)
