from django.urls import path, re_path

from attendance import staff_views, views

app_name = "attendance"

urlpatterns = [
    path("thong-ke/", views.statistics_view, name="statistics"),
    re_path(
        r"^thong-ke/tai-ve\.(?P<fmt>xlsx|csv)$",
        views.statistics_download,
        name="statistics-download",
    ),
    path("lop-hoc/<slug:slug>/dang-ky/", views.enroll, name="enroll"),
    path("lop-hoc/<slug:slug>/dang-ky/xong/", views.enroll_done, name="enroll-done"),
    path("tra-cuu-dang-ky/", views.enrollment_lookup, name="enrollment-lookup"),
    # Staff pages.
    path("quan-ly/diem-danh/", staff_views.CoursePickView.as_view(), name="course-pick"),
    path(
        "quan-ly/diem-danh/<slug:slug>/",
        staff_views.SessionPickView.as_view(),
        name="session-pick",
    ),
    path(
        "quan-ly/diem-danh/<slug:slug>/buoi-<int:pk>/",
        staff_views.TakeAttendanceView.as_view(),
        name="take-attendance",
    ),
    path(
        "quan-ly/lop-hoc/<slug:slug>/so-diem-danh/",
        staff_views.PrintSheetView.as_view(),
        name="print-sheet",
    ),
    path(
        "quan-ly/lop-hoc/<slug:slug>/danh-sach.xlsx",
        staff_views.ClassListExportView.as_view(),
        name="class-list-export",
    ),
    path(
        "quan-ly/lop-hoc/<slug:slug>/diem-danh.xlsx",
        staff_views.AttendanceExportView.as_view(),
        name="attendance-export",
    ),
    path(
        "quan-ly/giay-chung-nhan/<str:reference>/",
        staff_views.CertificateView.as_view(),
        name="certificate",
    ),
    path("quan-ly/hoc-vien/nhap/", staff_views.LearnerImportView.as_view(), name="learner-import"),
    path(
        "quan-ly/hoc-vien/mau-nhap.xlsx",
        staff_views.ImportTemplateView.as_view(),
        name="import-template",
    ),
    re_path(
        r"^quan-ly/hoc-vien/(?P<pk>[0-9]+)/du-lieu\.(?P<fmt>xlsx|json)$",
        staff_views.LearnerDataView.as_view(),
        name="learner-data",
    ),
    path(
        "quan-ly/hoc-vien/<int:pk>/xoa-du-lieu/",
        staff_views.LearnerEraseView.as_view(),
        name="learner-erase",
    ),
]
