"""The center's pages, at the root of the site (printed material points at these paths and
names, so they are not namespaced)."""

from django.urls import path

from organizations import views

urlpatterns = [
    path("gioi-thieu/", views.AboutView.as_view(), name="about"),
    path("gioi-thieu/ban-giam-doc/", views.BoardView.as_view(), name="about-board"),
    path("lien-he/", views.ContactView.as_view(), name="contact"),
]
