from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    verbose_name = "Hồ sơ"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to workdays.calendar_changed)
