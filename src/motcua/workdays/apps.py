from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "motcua.workdays"
    verbose_name = "Lịch làm việc, thời hạn"

    def ready(self) -> None:
        from . import signals

        signals.connect_model_receivers()
