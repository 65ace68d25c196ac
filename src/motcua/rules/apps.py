from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "motcua.rules"
    verbose_name = "Quy định áp dụng (bộ quy tắc theo thời kỳ)"
