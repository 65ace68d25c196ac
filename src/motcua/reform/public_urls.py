from django.urls import path

from . import public_views

app_name = "feedback"

urlpatterns = [
    path("", public_views.answers, name="answers"),
    path("send/", public_views.send, name="send"),
    path("sent/<str:code>/", public_views.sent, name="sent"),
    path("<str:code>/", public_views.answer, name="answer"),
]
