from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RevisionsConfig(AppConfig):
    name = "motcua.revisions"
    verbose_name = "Phiên bản dữ liệu dùng chung"

    def ready(self) -> None:
        from . import tokens

        # A migration may change kept data without signals: every kind starts anew.
        post_migrate.connect(tokens.bump_all, sender=self, dispatch_uid="revisions-migrated")
