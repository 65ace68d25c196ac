from django.contrib import admin
from django.urls import include, path

from motcua.api.v1 import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/", include("motcua.workdays.urls")),
    path("", include("motcua.portal.urls")),
]
