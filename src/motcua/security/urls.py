from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("", views.verify, name="second_factor"),
    path("setup/", views.setup, name="second_factor_setup"),
]
