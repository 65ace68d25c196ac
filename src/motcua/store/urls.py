from django.urls import path

from . import views

app_name = "store"
urlpatterns = [
    path("office/dossiers/<str:code>/digitise/", views.digitise, name="digitise"),
    path("office/store/search/", views.search, name="search"),
    path("account/store/", views.my_store, name="mine"),
]
