from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.week, name="week"),
    path("lich.ics", views.feed, name="feed"),
]
