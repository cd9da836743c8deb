"""The hosting operator's own host (`DJANGO_OPERATOR_HOSTS`, core.middleware.CenterMiddleware):
the operator's admin (centers, their host names, accounts) and the province overview. No
center's page answers here."""

from django.urls import include, path

from core.operator_admin import operator_site
from portal import views as portal_views

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.operator_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("admin/", operator_site.urls),
    path("", include("province.urls")),
]
