"""The top floor's pages. Names are not namespaced: printed material and every template
already use `home`, `search`, `report-year`, ..."""

from django.urls import path

from core import comfort
from portal import report_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("chinh-sach-rieng-tu/", views.privacy, name="privacy"),
    # The larger-text switch in the footer (core.comfort): remembers the size, goes back.
    path("co-chu/", comfort.set_text_size, name="text-size"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("quan-ly/", views.staff_home, name="staff-home"),
    # The yearly report composes classes, attendance and disclosures, so no app below owns it.
    path("quan-ly/bao-cao-nam/", report_views.YearPickView.as_view(), name="report-years"),
    path(
        "quan-ly/bao-cao-nam/<int:year>/",
        report_views.YearlyReportView.as_view(),
        name="report-year",
    ),
    path(
        "quan-ly/bao-cao-nam/<int:year>.pdf",
        report_views.YearlyReportPdfView.as_view(),
        name="report-pdf",
    ),
    path(
        "quan-ly/bao-cao-nam/<int:year>/cong-bo/",
        report_views.PublishView.as_view(),
        name="report-publish",
    ),
]
