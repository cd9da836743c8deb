"""/thu-vien-anh/: the published albums, an album's photos, and each photo on its own page
(full width, previous and next: no script, and an address to share)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from core.pagination import PageMixin
from gallery.models import Album, Photo

PER_PAGE = 12
MAX_PHOTO_NUMBER_DIGITS = 6


class AlbumListView(PageMixin, ListView):
    template_name = "gallery/album_list.html"
    paginate_by = PER_PAGE
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return Album.objects.published().for_lists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        albums = list(context["page_obj"].object_list)
        first_ids = [a.first_photo_id for a in albums if not a.cover_id and a.first_photo_id]
        firsts = Photo.objects.in_bulk(first_ids)
        for album in albums:
            album.cover_photo = album.cover or firsts.get(album.first_photo_id)
        context["albums"] = albums
        return context


def _published_album(slug):
    if len(slug) > 120:
        raise Http404
    return get_object_or_404(
        Album.objects.published().select_related("article", "course"), slug=slug
    )


def _visible_link(target):
    """The linked article or class, only when readers may see it."""
    return target if target is not None and target.is_published() else None


@require_safe
def album_detail(request, slug):
    album = _published_album(slug)
    photos = list(album.photos.all())
    return render(
        request,
        "gallery/album_detail.html",
        {
            "album": album,
            "photos": photos,
            "article": _visible_link(album.article),
            "course": _visible_link(album.course),
        },
    )


@require_safe
def photo_detail(request, slug, number):
    """The n-th photo (from 1) of the album. Anything but a whole number in range is a 404."""
    if not number.isascii() or not number.isdigit() or len(number) > MAX_PHOTO_NUMBER_DIGITS:
        raise Http404
    album = _published_album(slug)
    photos = list(album.photos.all())
    index = int(number) - 1
    if not 0 <= index < len(photos):
        raise Http404
    return render(
        request,
        "gallery/photo_detail.html",
        {
            "album": album,
            "photo": photos[index],
            "number": index + 1,
            "total": len(photos),
            "previous": index if index > 0 else None,
            "next": index + 2 if index + 1 < len(photos) else None,
        },
    )
