from django.contrib.sitemaps import Sitemap

from gallery.models import Album


class AlbumSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Album.objects.published().only("slug", "updated_at")

    def lastmod(self, album):
        return album.updated_at
