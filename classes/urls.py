from django.urls import path

from classes import views

app_name = "classes"

urlpatterns = [
    path("", views.ClassListView.as_view(), name="class-list"),
    path("lich.ics", views.schedule_feed, name="schedule-feed"),
    path("<slug:slug>/", views.ClassDetailView.as_view(), name="class-detail"),
    path("<slug:slug>/to-roi/", views.ClassPosterView.as_view(), name="class-poster"),
    path("<slug:slug>/loa/", views.ClassLoudspeakerView.as_view(), name="class-loudspeaker"),
    path(
        "<slug:slug>/loa.txt",
        views.ClassLoudspeakerView.as_view(as_text=True),
        name="class-loudspeaker-txt",
    ),
]
