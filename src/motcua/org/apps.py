from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "motcua.org"
    verbose_name = "Tổ chức, cán bộ"

    def ready(self) -> None:
        from motcua.revisions.tokens import bump_on_change

        from .access import ROLES
        from .models import Agency, RoleAssignment

        bump_on_change(ROLES, RoleAssignment, Agency)
