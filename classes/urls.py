from django.urls import path

from classes import views

app_name = "classes"

urlpatterns = [
    path("", views.ClassListView.as_view(), name="class-list"),
    path("lich.ics", views.schedule_feed, name="schedule-feed"),
    path("<slug:slug>/", views.ClassDetailView.as_view(), name="class-detail"),
]
