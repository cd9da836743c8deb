from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("", views.AlbumListView.as_view(), name="album-list"),
    path("<str:slug>/", views.album_detail, name="album-detail"),
    path("<str:slug>/<str:number>/", views.photo_detail, name="photo-detail"),
]
