"""Staff pages of the self-assessment, under /quan-ly/tu-danh-gia/ (names kept as they were,
not namespaced)."""

from django.urls import path

from assessment import views

urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="assessment-list"),
    path("<int:year>/", views.ChecklistView.as_view(), name="assessment-checklist"),
    path("<int:year>/in/", views.PrintView.as_view(), name="assessment-print"),
]
