from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        from motcua.revisions.tokens import bump_on_change

        from .models import Procedure, ProcedureVersion
        from .services import CATALOG

        bump_on_change(
            CATALOG, Procedure, ProcedureVersion, through=[Procedure.agency_kinds.through]
        )
