from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "motcua.rules"
    verbose_name = "Quy định áp dụng (bộ quy tắc theo thời kỳ)"

    def ready(self) -> None:
        from motcua.revisions.tokens import bump_on_change

        from .lookup import RULES
        from .models import RuleSet

        bump_on_change(RULES, RuleSet)
