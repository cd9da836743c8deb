from django.urls import path

from disclosures import views

app_name = "disclosures"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document-list"),
]
