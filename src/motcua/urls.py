from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from motcua.api.v1 import api
from motcua.news.sitemaps import SITEMAPS
from motcua.security import views as security_views
from motcua.ui.views import favicon

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("calendar/", include("motcua.workdays.urls")),
    path("print/", include("motcua.printing.urls")),
    path("verify/", include("motcua.signing.public_urls")),
    path("office/signing/", include("motcua.signing.urls")),
    path("", include("motcua.store.urls")),
    path("office/reform/", include("motcua.reform.urls")),
    path("office/", include("motcua.office.urls")),
    path("eoffice/", include("motcua.eoffice.urls")),
    path("news/", include("motcua.news.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("reports/", include("motcua.reports.urls")),
    path("feedback/", include("motcua.reform.public_urls")),
    path("interop/", include("motcua.interop.urls")),
    path("account/second-factor/", include("motcua.security.urls")),
    path("audit/anchors.json", security_views.anchors, name="audit_anchors"),
    path("account/my-data.json", security_views.my_data, name="my_data"),
    path("privacy/access-log/", security_views.access_log, name="access_log"),
    path("", include("motcua.portal.urls")),
]
if settings.MOTCUA_OIDC:  # login through a national identity provider (docs/portal.md)
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
