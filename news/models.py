from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.html import RichTextField
from core.models import (
    Publishable,
    PublishedQuerySet,
    SearchableModel,
    StampedModel,
    TimeStampedModel,
)
from core.search import search_indexes
from core.tenancy import CenterOwned, center_manager
from core.text import unique_slug
from core.uploads import (
    ContentTypeValidator,
    DatedUploadTo,
    UploadFileField,
    describe,
    sniff,
    stored_upload,
)
from news.images import CoverImageField, CoverImageValidator, make_renditions, reencode

ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "jpg", "png")


class Category(CenterOwned):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_("Part of the address. Filled from the name when left empty."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="news_category_unique_name"),
            models.UniqueConstraint(fields=["center", "slug"], name="news_category_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class ArticleQuerySet(PublishedQuerySet):
    @classmethod
    def published_q(cls, prefix="", now=None):
        """What readers may see: published, publish time reached, not expired (so an expired
        notice disappears by itself, too)."""
        now = now or timezone.now()
        return super().published_q(prefix, now) & (
            Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})
        )

    def for_lists(self):
        return self.select_related("category").only(
            "title", "slug", "summary", "published_at", "pinned", "cover", "cover_width",
            "cover_height", "cover_alt", "video_url", "category__name", "category__slug",
        )  # fmt: skip


class Article(CenterOwned, SearchableModel, Publishable, StampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

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
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in lists and in link previews on Zalo/Facebook."),
    )
    body = RichTextField(_("body"), blank=True)
    cover = CoverImageField(
        _("cover image"),
        upload_to=DatedUploadTo("news/covers"),
        width_field="cover_width",
        height_field="cover_height",
        blank=True,
        validators=[CoverImageValidator()],
        help_text=_("JPEG, PNG or WebP photo. It is resized and location data is removed."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("A YouTube link. The video loads only when a reader taps play."),
    )
    byline = models.CharField(_("author"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A time in the future schedules the article: it appears by itself then."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("For notices: after this time the article is no longer shown."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned notices are shown first on the home page.")
    )

    objects = center_manager(ArticleQuerySet)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["center", "status", "published_at"]),
            *search_indexes("article"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("published_at")),
                name="article_expires_after_publish",
                violation_error_message=_("The expiry time must be after the publish time."),
            ),
            models.UniqueConstraint(fields=["center", "slug"], name="news_article_unique_slug"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=120)
        new_cover = bool(self.cover) and not self.cover._committed
        if new_cover:
            # Store a clean re-encoded JPEG, never the bytes that were uploaded.
            self.cover.save("cover.jpg", reencode(self.cover.file), save=False)
        super().save(*args, **kwargs)
        if new_cover:
            make_renditions(self.cover.storage, self.cover.name)

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.summary, self.body]

    def is_published(self, now=None):
        now = now or timezone.now()
        return super().is_published(now) and (self.expires_at is None or self.expires_at > now)

    @property
    def is_live(self):
        return self.is_published()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


class Attachment(CenterOwned, TimeStampedModel):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = UploadFileField(
        _("file"),
        upload_to=DatedUploadTo("news/attachments"),
        validators=[ContentTypeValidator(ATTACHMENT_TYPES, max_bytes="attachment")],
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, JPEG or PNG. Photos are stored "
            "without location data."
        ),
    )
    kind = models.CharField(_("type"), max_length=20, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A picture is stored re-encoded (no GPS position, no camera data); type and size
            # are those of the stored file.
            self.file = stored_upload(self.file)
            found = sniff(self.file)
            self.kind = found.label if found else ""
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def description(self):
        """ "PDF · 2,4 MB"."""
        return describe(self.kind, self.size)
