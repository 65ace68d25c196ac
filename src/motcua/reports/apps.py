from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    verbose_name = "Báo cáo, thống kê"

    def ready(self):
        from motcua.dossiers.signals import event_recorded

        from .rollups import on_event_recorded

        event_recorded.connect(on_event_recorded, dispatch_uid="reports-rollups")
