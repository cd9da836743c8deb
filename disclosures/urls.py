from django.urls import path

from disclosures import views

app_name = "disclosures"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document-list"),
    # Before <slug>/: "lich-cong-khai" is reserved, no document takes it (models.RESERVED_SLUGS).
    path("lich-cong-khai/", views.ComplianceView.as_view(), name="compliance"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("<slug:slug>/tai-ve/", views.document_download, name="document-download"),
]
