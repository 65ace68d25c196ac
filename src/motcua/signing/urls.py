from django.urls import path

from . import views

app_name = "signing"
urlpatterns = [
    path("", views.certificates, name="certificates"),
    path("pkcs12/", views.upload_pkcs12, name="upload_pkcs12"),
    path("token/", views.register_token, name="register_token"),
    path("<int:pk>/deactivate/", views.deactivate, name="deactivate"),
]
