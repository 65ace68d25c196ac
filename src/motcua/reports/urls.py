from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("bieu-06/", views.periodic, name="periodic"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("index/", views.index_view, name="index"),
    path("summary/", views.summary_view, name="summary"),
]
