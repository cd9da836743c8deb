"""The center and the school: who they are, how to reach them, who leads them.

Staff keep each organization's profile and people in the admin; the center's public pages
(/gioi-thieu/, /lien-he/) show them. Which organization a member of staff may touch is
decided here, once (`OrganizationQuerySet.for_user`). Apps above keep their own records of an
organization (disclosures' documents); this app imports none of them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.html import RichTextField
from core.images import reencode
from core.roles import CENTER_STAFF, SCHOOL_STAFF
from core.tenancy import CenterOwned, CenterQuerySet, center_manager
from core.uploads import PICTURES, ContentTypeValidator, DatedUploadTo, UploadImageField
from core.validators import validate_public_phone


class OrganizationQuerySet(CenterQuerySet):
    def for_user(self, user):
        """The organizations whose documents `user` may add and change."""
        if not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(staff_group__in=user.groups.values("name"))


class Organization(CenterOwned):
    """A body that must publish: the lower-secondary school, the learning center."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("Lower-secondary school")
        CENTER = "center", _("Community learning center")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, help_text=_("Shown where space is short, e.g. THCS.")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind,
        help_text=_("Decides which articles of TT 09/2024 the organization must publish."),
    )
    staff_group = models.CharField(
        _("staff group"),
        max_length=150,
        blank=True,
        choices=[(CENTER_STAFF, CENTER_STAFF), (SCHOOL_STAFF, SCHOOL_STAFF)],
        help_text=_("Members of this group add and change this organization's documents."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # The profile its public pages show: TT 37/2020/TT-BGDĐT Điều 9 (organization, functions,
    # history, leaders) and TT 09/2024 Điều 4 (address, phone, e-mail, contact point).
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Where people come to, e.g. “Nhà văn hóa xã Tiên Tân, xóm 3”."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_public_phone],
        help_text=_("The office number people may call, e.g. 0226 3851 234."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    contact_is_example = models.BooleanField(
        _("phone and e-mail are examples"),
        default=False,
        help_text=_(
            "Ticked when the phone and e-mail above were made up for the demo. Public pages "
            "then mark them “Example”; posters, loudspeaker scripts and the yearly report "
            "leave them out. It clears itself when you type the real phone or e-mail."
        ),
    )
    office_hours = models.TextField(
        _("office hours"),
        blank=True,
        help_text=_("When someone answers, e.g. “Monday to Friday, 7:30–11:30 and 13:30–17:00”."),
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("In words a visitor can follow: landmarks, the road, where to park."),
    )
    map_url = models.URLField(
        _("map link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "Optional: the address of the place on openstreetmap.org (find the place, then "
            "copy the address bar). The page only links to it; it embeds no map."
        ),
    )
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A few lines saying who you are and what you do, shown first."),
    )
    functions = RichTextField(
        _("functions, tasks and powers"),
        blank=True,
        help_text=_("As set by the regulation on organization and operation."),
    )
    history = RichTextField(
        _("formation and development"),
        blank=True,
        help_text=_("A short account of how the organization was founded and grew."),
    )
    chart = UploadImageField(
        _("organization chart"),
        upload_to=DatedUploadTo("to-chuc"),
        blank=True,
        validators=[ContentTypeValidator(PICTURES, max_bytes="picture")],
        help_text=_("Optional: a photo or drawing of the organization chart (JPEG, PNG, WebP)."),
    )
    chart_description = models.TextField(
        _("organization chart in words"),
        blank=True,
        help_text=_(
            "Who reports to whom, in a few lines: read aloud to readers who cannot see the "
            "picture, and shown when there is no picture."
        ),
    )

    objects = center_manager(OrganizationQuerySet)

    class Meta:
        db_table = "disclosures_organization"  # the table it had in disclosures
        ordering = ["position", "name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "name"], name="organizations_organization_unique_name"
            ),
            models.UniqueConstraint(
                fields=["center", "slug"], name="organizations_organization_unique_slug"
            ),
        ]

    def __str__(self):
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        if self.chart and not self.chart._committed:
            self.chart = reencode(self.chart, max_side=1600, name="so-do.jpg", keep_png=True)
        super().save(*args, **kwargs)
        # Records that keep a copy of the kind follow it; one that cannot (a document whose
        # legal basis does not fit the new kind) is refused by the database, and nothing is
        # saved.
        for model in self._kind_followers():
            model.follow_organization_kind(self)

    def clean(self):
        if self.pk and self.kind:
            errors = [e for m in self._kind_followers() for e in m.organization_kind_errors(self)]
            if errors:
                raise ValidationError({"kind": errors})

    def _kind_followers(self):
        """The models of the apps above that keep a copy of an organization's kind (the
        disclosure documents, for the database's check of their legal basis).

        Found through their foreign keys to this model, as Django finds what a delete
        cascades to, so this app imports none of them. Such a model defines two class
        methods: `organization_kind_errors(organization)`, the messages that refuse the
        organization's new kind (empty when its rows fit), and
        `follow_organization_kind(organization)`, which updates its copies.
        """
        return [
            relation.related_model
            for relation in self._meta.related_objects
            if hasattr(relation.related_model, "follow_organization_kind")
        ]


class PersonQuerySet(CenterQuerySet):
    def printable(self):
        """The people printed material (the yearly report) may name: not the demo's examples."""
        return self.filter(is_example=False)


class Person(CenterOwned):
    """Someone of an organization's board of directors or staff, with the public contacts
    TT 37/2020 Điều 9 asks a portal to show for its leaders."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(
        _("job title"),
        max_length=120,
        help_text=_("At the center, e.g. Giám đốc, Phó Giám đốc, Cán bộ, Kế toán."),
    )
    concurrent_post = models.CharField(
        _("main post"),
        max_length=200,
        blank=True,
        help_text=_(
            "The post held alongside, for leaders who serve concurrently, "
            "e.g. Phó Chủ tịch UBND xã."
        ),
    )
    is_board = models.BooleanField(
        _("board of directors"),
        default=False,
        help_text=_("Tick for the director and deputy directors."),
    )
    duties = models.TextField(
        _("duties"),
        blank=True,
        help_text=_("What this person is in charge of, one duty a line."),
    )
    phone = models.CharField(
        _("public phone"),
        max_length=40,
        blank=True,
        validators=[validate_public_phone],
        help_text=_("Only a number the person agrees to publish; leave empty otherwise."),
    )
    email = models.EmailField(
        _("public e-mail"),
        blank=True,
        help_text=_("Only an address the person agrees to publish; leave empty otherwise."),
    )
    photo = UploadImageField(
        _("photo"),
        upload_to=DatedUploadTo("can-bo"),
        blank=True,
        validators=[ContentTypeValidator(PICTURES, max_bytes="picture")],
        help_text=_("Optional. Made small and stripped of camera data (GPS) on upload."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    is_example = models.BooleanField(
        _("example (demo)"),
        default=False,
        help_text=_(
            "Ticked on people the demo made up. Public pages mark them “Example”; posters, "
            "loudspeaker scripts and the yearly report leave them out. It clears itself when "
            "you type the real name, phone or e-mail."
        ),
    )

    objects = center_manager(PersonQuerySet)

    class Meta:
        db_table = "disclosures_person"  # the table it had in disclosures
        ordering = ["organization", "-is_board", "order", "full_name"]
        verbose_name = _("board member or staff")
        verbose_name_plural = _("board of directors and staff")
        constraints = [
            models.CheckConstraint(
                condition=~Q(full_name="") & ~Q(position=""),
                name="person_has_name_and_position",
                violation_error_message=_("Give the person's name and position."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.position})"

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            self.photo = reencode(self.photo, max_side=480, name="anh.jpg")
        super().save(*args, **kwargs)

    @property
    def duty_lines(self):
        """The duties as a list, one a line, without the dashes or bullets people type."""
        return [line.strip(" -•\t") for line in self.duties.splitlines() if line.strip(" -•\t")]
