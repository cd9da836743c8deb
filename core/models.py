from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import images
from core.search import search_vector_field, searchable_text
from core.tenancy import CenterOwned, CenterQuerySet
from core.text import fold
from core.uploads import DatedUploadTo, PhotoValidator, UploadImageField


class Center(models.Model):
    """A community learning center hosted by this deployment (a tenant): its name and where
    it answers. Everything it owns carries it (`core.tenancy.CenterOwned`). The hosting
    operator makes centers (`manage.py create_center`); a merged center keeps answering at
    its old host names by sending readers to the center it joined."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("ASCII, used by the operator's commands, e.g. tien-tan."),
    )
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_centers",
        help_text=_("Set when communes merged: its addresses now lead to that center."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self):
        return self.name

    @property
    def primary_host(self):
        """The host name links in e-mails and printed material use: the main one, else the
        first given (CenterHost's ordering; reads prefetched hosts without a query)."""
        hosts = list(self.hosts.all())
        return hosts[0].host if hosts else ""


class CenterHost(models.Model):
    """A host name a center answers at (lower case, no port): `tthtcd-tientan.example.vn`."""

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="hosts"
    )
    host = models.CharField(_("host name"), max_length=253, unique=True)
    is_primary = models.BooleanField(_("main address"), default=False)

    class Meta:
        # The main address first, then in the order given: Center.primary_host reads it.
        ordering = ["-is_primary", "pk"]
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        constraints = [
            models.UniqueConstraint(
                fields=["center"],
                condition=Q(is_primary=True),
                name="core_centerhost_one_primary",
            ),
            models.CheckConstraint(
                condition=Q(host=models.functions.Lower("host")) & ~Q(host__contains=":"),
                name="core_centerhost_lower_no_port",
            ),
        ]

    def __str__(self):
        return self.host


class Membership(models.Model):
    """Where a staff account works: one center (center staff, school staff, the center's
    administrator), or, for the read-only province role, the province whose centers' figures
    it sees. The hosting operator (superuser) has none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    center = models.ForeignKey(
        Center,
        verbose_name=_("center"),
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )
    province = models.CharField(
        _("overseen province"),
        max_length=100,
        blank=True,
        help_text=_("Only for the province's read-only overview accounts."),
    )

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        constraints = [
            models.CheckConstraint(
                condition=(Q(center__isnull=False) & Q(province=""))
                | (Q(center__isnull=True) & ~Q(province="")),
                name="core_membership_center_or_province",
            )
        ]

    def __str__(self):
        return str(self.center or self.province)


class TimeStampedModel(models.Model):
    """Adds when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SearchableModel(models.Model):
    """A row the site search finds (core/search.py): its title folded (`search_title`), its
    searched texts folded (`search_text`, for the admin's search and the trigram index too),
    both filled on every save, and `search_vector`, which PostgreSQL keeps in step with them
    (a generated column). A subclass has a `title`, says what else is searched
    (`search_parts`) and puts `search_indexes(...)` in its Meta.indexes."""

    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    search_vector = search_vector_field()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self):
        """Set `search_title` and `search_text` from the row's texts: what save() does, for
        rows written without it (bulk_create in the benchmark's data sets)."""
        self.search_title = fold(self.title)
        self.search_text = searchable_text(self.title, *self.search_parts())

    def search_parts(self):
        """The texts searched besides the title (HTML is fine: tags are dropped)."""
        return []


class StampedModel(TimeStampedModel):
    """Adds who created a row and who changed it last (set by `core.admin.StampedAdmin`).

    PROTECT: staff accounts are deactivated, never deleted, so the record of who published
    what stays whole.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        abstract = True


# --- Publication: a status and a publish time, as on djangoproject.com's blog -----------------

PUBLISHED = "published"  # the status value of every publishable model (news, classes, documents)


class PublishedQuerySet(CenterQuerySet):
    """`published()`: what readers may see. Every view, feed, sitemap, home box, search,
    poster and statistic reads it (or `published_q` across a relation), so a future publish
    time schedules a row with no cron job. Models with a further condition (an article's
    expiry) extend `published_q`; `Publishable.is_published` is the same rule for one row."""

    @classmethod
    def published_q(cls, prefix="", now=None):
        """The rule as a condition, for a filter or count across a relation:
        `Count("courses", filter=CourseQuerySet.published_q("courses__"))`."""
        return Q(
            **{f"{prefix}status": PUBLISHED, f"{prefix}published_at__lte": now or timezone.now()}
        )

    def published(self, now=None):
        return self.filter(self.published_q(now=now))

    def scheduled(self, now=None):
        """Published, with a publish time still to come: they appear by themselves then."""
        return self.filter(status=PUBLISHED, published_at__gt=now or timezone.now())

    def next_publish_time(self, now=None):
        """When the first scheduled row appears, or None: what an app's `next_change` hook
        answers for its publish times (core/cache.py turns the page cache then)."""
        return (
            self.scheduled(now).order_by("published_at").values_list("published_at", flat=True)
        ).first()


class Publishable:
    """`PublishedQuerySet.published` for one row already loaded (a preview, a poster)."""

    def is_published(self, now=None):
        return self.status == PUBLISHED and self.published_at <= (now or timezone.now())


class RichTextImage(CenterOwned, StampedModel):
    """A picture staff put into rich text (an article's body, the center's pages, a document's
    summary) with the editor's "insert picture" button, which uploads it here
    (`core.views.rich_text_image_upload`) and puts its address in the text.

    The file went through the site's one picture intake (`core.uploads.PhotoValidator`, within
    the "picture" upload limit), and
    what is stored is re-encoded by `core.images`: upright, sRGB, no metadata (no GPS position,
    no camera), at most MAX_SIDE pixels on its longer side, so a phone never downloads a
    camera's 12-megapixel original. `created_by` is who uploaded it.
    """

    MAX_SIDE = 1080  # the widest rendition of a cover photo: sharp on a phone, fine on a desk

    image = UploadImageField(
        _("picture"),
        upload_to=DatedUploadTo("pictures"),
        width_field="width",
        height_field="height",
        validators=[PhotoValidator()],
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("picture in a text")
        verbose_name_plural = _("pictures in texts")

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.image.save(
                "picture.jpg",
                images.reencode(self.image.file, max_side=self.MAX_SIDE, name="picture.jpg"),
                save=False,
            )
        super().save(*args, **kwargs)


class Hamlet(CenterOwned):
    """A hamlet (xóm) of the commune: where a learner lives, where a survey answer came from.
    Staff edit the list."""

    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_other = models.BooleanField(
        _("means “other”"),
        default=False,
        help_text=_("The choice for people living outside the listed hamlets."),
    )

    class Meta:
        ordering = ["is_other", "position", "name"]
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="core_hamlet_unique_name")
        ]
        # Made by attendance before the survey shared it (issue 13): the table keeps its name.
        db_table = "attendance_hamlet"

    def __str__(self):
        return self.name


class PathRedirect(models.Model):
    """An address of a center that now lives elsewhere: `old_path` (with everything under it)
    answers with a permanent redirect to `new_path`.

    Made by merging centers (`core.merging`): a page of the merged center whose slug the
    center it joined already used got a new slug, and the old address, still printed on
    posters and shared on Zalo, must keep reaching it. `center` is the center whose host
    names the old address was at; served by `core.redirects`. Not a tenant's row (like
    CenterHost, it is part of how hosts and paths are routed), so a later merge leaves it
    where it is.
    """

    center = models.ForeignKey(
        Center,
        verbose_name=_("center"),
        on_delete=models.CASCADE,
        related_name="path_redirects",
    )
    old_path = models.CharField(
        _("old address"), max_length=300, help_text=_("A path, e.g. /lop-hoc/tin-hoc/.")
    )
    new_path = models.CharField(
        _("new address"),
        max_length=300,
        help_text=_("Where it is now, at the center the old one joined."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["center", "old_path"]
        verbose_name = _("moved address")
        verbose_name_plural = _("moved addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "old_path"], name="core_pathredirect_unique_old_path"
            ),
            models.CheckConstraint(
                condition=Q(old_path__startswith="/") & Q(new_path__startswith="/"),
                name="core_pathredirect_paths",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
