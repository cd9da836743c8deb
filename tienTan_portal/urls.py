from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from attendance import urls as attendance_urls
from classes.views import PartnersView
from core import accounts
from core import views as core_views
from survey import urls as survey_urls

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler500 = "core.views.server_error"

# The password reset pages are not the admin site's own views: given its titles, they say
# "…: quản trị" like the rest of the admin, not Django's default ("Django site admin").
ADMIN_TITLES = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    # Home, site search, sitemap, robots.txt, /healthz, the staff home and the yearly report.
    path("", include("portal.urls")),
    path("tin-tuc/", include("news.urls")),
    path("lop-hoc/", include("classes.urls")),
    path("cong-khai/", include("disclosures.urls")),
    path("hoi-dap/", include("questions.urls")),
    path("van-ban/", include("documents.urls")),
    path("lich-cong-tac/", include("agenda.urls")),
    # Where the rich-text editor uploads a picture staff insert (JSON; core/views.py).
    path(
        "quan-ly/anh-trong-bai/",
        core_views.rich_text_image_upload,
        name="rich-text-image-upload",
    ),
    # The survey left attendance (issue 13) but kept its URL names ("attendance:survey…"):
    # one namespace, served from both apps' patterns.
    path(
        "",
        include((attendance_urls.urlpatterns + survey_urls.urlpatterns, "attendance")),
    ),
    # "Forgotten your password?" on the admin login page. The form answers the same whether
    # or not an account has that address, so it reveals nobody's account.
    path(
        "admin/password_reset/",
        accounts.PasswordResetView.as_view(extra_context=ADMIN_TITLES),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_TITLES),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(extra_context=ADMIN_TITLES),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_TITLES),
        name="password_reset_complete",
    ),
    # Before the admin's own URLs, which it replaces: "View on site" only for what this
    # person may see in the admin.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(core_views.view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/", admin.site.urls),
    # The center's pages: its profile and people (organizations: /gioi-thieu/,
    # /gioi-thieu/ban-giam-doc/, /lien-he/) and its partner bodies (classes owns them).
    path("", include("organizations.urls")),
    path("gioi-thieu/doi-tac/", PartnersView.as_view(), name="about-partners"),
    # The learning-community self-assessment (TT 25/2023), staff only.
    path("quan-ly/tu-danh-gia/", include("assessment.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploads are nginx's job in production (README); this is for development and for
    # measuring a single gunicorn without nginx (scripts/lighthouse.py).
    from django.urls import re_path
    from django.views.static import serve

    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
