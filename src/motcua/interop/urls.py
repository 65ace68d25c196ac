from django.urls import path

from . import views

app_name = "interop"
urlpatterns = [
    path(
        "apply/<str:code>/population/",
        views.prefill_from_population,
        name="population",
    ),
    path("receipts/<str:reference>.pdf", views.receipt_pdf, name="receipt_pdf"),
]
