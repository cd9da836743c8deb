from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import accounts
from core import views as core_views
from tienTan_portal import assessment_views, center

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler500 = "core.views.server_error"

# The password reset pages are not the admin site's own views: given its titles, they say
# "…: quản trị" like the rest of the admin, not Django's default ("Django site admin").
ADMIN_TITLES = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    # Home, site search, sitemap, robots.txt, /healthz, the staff home and the yearly report.
    path("", include("portal.urls")),
    path("gioi-thieu/", center.AboutView.as_view(), name="about"),
    path("tin-tuc/", include("news.urls")),
    path("lop-hoc/", include("classes.urls")),
    path("cong-khai/", include("disclosures.urls")),
    # Where the rich-text editor uploads a picture staff insert (JSON; core/views.py).
    path(
        "quan-ly/anh-trong-bai/",
        core_views.rich_text_image_upload,
        name="rich-text-image-upload",
    ),
    # attendance owns /thong-ke/, /lop-hoc/<slug>/dang-ky/ and /quan-ly/...
    path("", include("attendance.urls")),
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
        auth_views.PasswordResetConfirmView.as_view(extra_context=ADMIN_TITLES),
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
    # The center's pages (issue 8): composed from disclosures, classes and attendance, so
    # they live on the top floor rather than in one app's urls.py.
    path("gioi-thieu/ban-giam-doc/", center.BoardView.as_view(), name="about-board"),
    path("gioi-thieu/doi-tac/", center.PartnersView.as_view(), name="about-partners"),
    path("lien-he/", center.ContactView.as_view(), name="contact"),
    # The learning-community self-assessment (TT 25/2023): its evidence comes from classes,
    # news and disclosures together.
    path(
        "quan-ly/tu-danh-gia/",
        assessment_views.AssessmentListView.as_view(),
        name="assessment-list",
    ),
    path(
        "quan-ly/tu-danh-gia/<int:year>/",
        assessment_views.ChecklistView.as_view(),
        name="assessment-checklist",
    ),
    path(
        "quan-ly/tu-danh-gia/<int:year>/in/",
        assessment_views.PrintView.as_view(),
        name="assessment-print",
    ),
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
