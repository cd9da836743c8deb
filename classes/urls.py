from django.urls import path

from classes import views

app_name = "classes"

urlpatterns = [
    path("", views.ClassListView.as_view(), name="class-list"),
]
