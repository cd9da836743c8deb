"""The province overview, at the operator's host only (tienTan_portal/urls_operator.py)."""

from django.contrib.auth.views import LogoutView
from django.urls import path, re_path

from province import views

app_name = "province"

urlpatterns = [
    path("", views.overview, name="overview"),
    # The province's read-only accounts sign in here; they never get a session of the admin.
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(next_page="province:login"), name="logout"),
    re_path(r"^tai-ve\.(?P<fmt>xlsx|csv)$", views.overview_download, name="overview-download"),
    path("lich-cong-khai/", views.calendar, name="calendar"),
    re_path(
        r"^lich-cong-khai/tai-ve\.(?P<fmt>xlsx|csv)$",
        views.calendar_download,
        name="calendar-download",
    ),
]
