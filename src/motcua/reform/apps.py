from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "motcua.reform"
    verbose_name = "Cải cách hành chính"
