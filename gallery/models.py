"""Photo albums (/thu-vien-anh/): an album of photos from an event, an article or a class.

Every photo goes through the site's one picture intake: checked by content within the
"picture" upload limit (`core.uploads.PhotoValidator`), stored re-encoded without metadata
(no EXIF, no GPS position) by `core.images`, and its renditions written once, when it is saved
(`news.images.make_renditions`, the same widths as an article's cover).
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classes.models import Course
from core.models import PUBLISHED, Publishable, PublishedQuerySet, SearchableModel, StampedModel
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager
from core.text import unique_slug
from core.uploads import DatedUploadTo, PhotoValidator
from news.images import CoverImageField, make_renditions, reencode
from news.models import Article


class AlbumQuerySet(PublishedQuerySet):
    def for_lists(self):
        """With the number of photos and the first photo (the cover when none is chosen)."""
        first = Photo.objects.filter(album=models.OuterRef("pk")).order_by("position", "pk")
        return self.select_related("cover").annotate(
            photo_count=models.Count("photos"),
            first_photo_id=models.Subquery(first.values("pk")[:1]),
        )


class Album(CenterOwned, SearchableModel, Publishable, StampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = PUBLISHED, _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_(
            "Part of the address, without accents. Filled from the title when left empty; "
            "do not change it once published, or shared links stop working."
        ),
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences about the event the photos show."),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The news article about the same event, if any."),
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("class"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The class the photos were taken at, if any."),
    )
    cover = models.ForeignKey(
        "Photo",
        verbose_name=_("cover photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shown in the list of albums. Empty: the first photo."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A time in the future schedules the album: it appears by itself then."),
    )

    objects = center_manager(AlbumQuerySet)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")
        indexes = [
            models.Index(fields=["center", "status", "published_at"]),
            *search_indexes("album"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["center", "slug"], name="gallery_album_unique_slug"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gallery:album-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.description]


class Photo(CenterOwned, StampedModel):
    MAX_CAPTION = 300

    album = models.ForeignKey(
        Album, verbose_name=_("album"), on_delete=models.CASCADE, related_name="photos"
    )
    image = CoverImageField(
        _("photo"),
        upload_to=DatedUploadTo("gallery"),
        width_field="width",
        height_field="height",
        validators=[PhotoValidator()],
        help_text=_("JPEG, PNG or WebP photo. It is resized and location data is removed."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    caption = models.CharField(_("caption"), max_length=MAX_CAPTION, blank=True)
    alt = models.CharField(
        _("description for readers who cannot see"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows. Empty: the caption is used."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        indexes = [models.Index(fields=["album", "position"])]

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]

    @property
    def alt_text(self):
        """What a reader who cannot see is told: the description, or else the caption."""
        return self.alt or self.caption

    def save(self, *args, **kwargs):
        new_image = bool(self.image) and not self.image._committed
        if new_image:
            # Store a clean re-encoded JPEG, never the bytes that were uploaded.
            self.image.save("photo.jpg", reencode(self.image.file), save=False)
        super().save(*args, **kwargs)
        if new_image:
            make_renditions(self.image.storage, self.image.name)
