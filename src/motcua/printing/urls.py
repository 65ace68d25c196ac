from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("dossiers/<str:code>/to-khai.pdf", views.declaration, name="declaration"),
    path("dossiers/<str:code>/<str:form>.pdf", views.dossier_form, name="dossier_form"),
    path("book.pdf", views.tracking_book, name="tracking_book"),
]
