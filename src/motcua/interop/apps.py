from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "motcua.interop"
    verbose_name = "Liên thông"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to dossiers.event_recorded)
