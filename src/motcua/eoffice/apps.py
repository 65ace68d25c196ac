from django.apps import AppConfig


class EofficeConfig(AppConfig):
    name = "motcua.eoffice"
    verbose_name = "Văn phòng điện tử: văn bản đến, văn bản đi"
