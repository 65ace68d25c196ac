"""The project's URLs with the OpenID Connect routes, as when MOTCUA_OIDC_CLIENT_ID is set."""

from django.urls import include, path

from motcua.urls import urlpatterns as project

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *project]
