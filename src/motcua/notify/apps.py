from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "motcua.notify"
    verbose_name = "Thông báo"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to dossiers.event_recorded)
