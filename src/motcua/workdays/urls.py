from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("<int:year>/", views.year_calendar, name="year"),
]
