from django.urls import path

from . import reception, views

app_name = "office"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reception/", reception.choose_procedure, name="reception"),
    path("reception/<str:code>/", reception.receive, name="receive"),
    path("search/", views.search, name="search"),
    path("handovers/", views.handovers, name="handovers"),
    path("dossiers/<str:code>/", views.workspace, name="dossier"),
    path("dossiers/<str:code>/<slug:action>/", views.act, name="act"),
]
