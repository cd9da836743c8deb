"""Reads of the gallery: what the site search, the page cache and the pages of news and
classes take from it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classes.models import Course
from core.search import SearchHit, SearchSource
from gallery.models import Album
from news.models import Article


def search_source():
    """Published albums, by title and description (`core.search.SearchSource`)."""
    url = reverse("gallery:album-detail", kwargs={"slug": "SLUG"})
    kind = _("Photo albums")

    def hit(album):
        return SearchHit(
            kind=kind,
            title=album.title,
            url=url.replace("SLUG", album.slug),
            summary=album.description,
            date=timezone.localdate(album.published_at),
        )

    return SearchSource(
        queryset=Album.objects.published().only("title", "slug", "description", "published_at"),
        date_field="published_at",
        hit=hit,
    )


def next_change(now):
    """When a scheduled album appears by itself."""
    return (
        Album.objects.scheduled(now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def related_links(obj):
    """[(label, url)]: the published albums of an article or a class, for its page."""
    if isinstance(obj, Article):
        albums = Album.objects.published().filter(article=obj)
    elif isinstance(obj, Course):
        albums = Album.objects.published().filter(course=obj)
    else:
        return []
    return [(album.title, album.get_absolute_url()) for album in albums.only("title", "slug")]
