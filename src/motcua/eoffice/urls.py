from django.urls import path

from . import views

app_name = "eoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("in/", views.incoming_register, name="incoming_register"),
    path("in/new/", views.incoming_new, name="incoming_new"),
    path("in/<int:pk>/", views.incoming_detail, name="incoming"),
    path("in/<int:pk>/file/", views.incoming_file, name="incoming_file"),
    path("in/<int:pk>/<slug:action>/", views.incoming_act, name="incoming_act"),
    path("out/", views.outgoing_register, name="outgoing_register"),
    path("out/new/", views.outgoing_new, name="outgoing_new"),
    path("out/<int:pk>/", views.outgoing_detail, name="outgoing"),
    path("out/<int:pk>/edit/", views.outgoing_edit, name="outgoing_edit"),
    path("out/<int:pk>/pdf/", views.outgoing_pdf, name="outgoing_pdf"),
    path("out/<int:pk>/<slug:action>/", views.outgoing_act, name="outgoing_act"),
    path("registers/<str:direction>.<str:fmt>", views.export_register, name="export"),
    path("report/", views.report, name="report"),
    path("exchange/inbox/", views.exchange_inbox, name="exchange_inbox"),
    path("exchange/receipts/", views.exchange_receipts, name="exchange_receipts"),
    path("public/<uuid:pk>/", views.public_file, name="public_file"),
]
