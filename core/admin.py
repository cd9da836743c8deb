"""The admin site and the pieces every app's admin uses: who-did-it stamping and search
without accents."""

import logging

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from core.accounts import LoginForm
from core.storage import DISK_FULL_MESSAGE, is_disk_full, track_saved_files
from core.tenancy import current_center_id
from core.text import fold

log = logging.getLogger(__name__)


class StampedAdmin(admin.ModelAdmin):
    """Stamps `created_by` / `updated_by` (see `core.models.StampedModel`) on save.

    When the media disk is full during an upload, staff get a Vietnamese message instead of
    a 500, the admin's transaction is rolled back (no row points at a missing file), and the
    files this form had already written are removed (no file without its row).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with track_saved_files() as saved:
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except OSError as error:
                if not is_disk_full(error):
                    raise
                log.error("Upload refused, media disk full: %s", error)
                for storage, name in saved:
                    storage.delete(name)
        self.message_user(request, DISK_FULL_MESSAGE, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class FoldedSearchMixin:
    """Search and autocomplete that ignore accents and case, like the public search: "phu nu"
    finds "Hội Phụ nữ", "dong" finds "Đông".

    Django's own search runs unchanged (every word of the query must match one of
    `search_fields`, a quoted phrase stays whole, "^" and "=" keep their meaning), on folded
    text: the query is folded by `core.text.fold`, and every text field in `search_fields` by
    the database (`field__fold`, see `core.lookups`). Other fields (a year, an address of a
    computer) are searched as Django searches them.

    Nobody adds this by hand: `PortalAdminSite` mixes it into every ModelAdmin it registers.
    """

    def get_search_fields(self, request):
        return [folded_lookup(self.model, name) for name in super().get_search_fields(request)]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


_PREFIX_LOOKUPS = {"^": "startswith", "=": "exact"}


def folded_lookup(model, search_field):
    """The `search_fields` entry `search_field` of `model` compared folded:
    "title" -> "title__fold__contains", "^learner__full_name" ->
    "learner__full_name__fold__startswith"; unchanged when it names no text field or already
    carries a lookup (or "@", full-text search)."""
    lookup = _PREFIX_LOOKUPS.get(search_field[:1], "contains")
    path = search_field[1:] if search_field[:1] in _PREFIX_LOOKUPS else search_field
    opts, field = model._meta, None
    for part in path.split(LOOKUP_SEP):
        try:
            field = opts.get_field(opts.pk.name if part == "pk" else part)
        except FieldDoesNotExist:
            return search_field
        if field.is_relation and hasattr(field, "path_infos"):
            opts = field.path_infos[-1].to_opts
    if field.is_relation or not isinstance(field, (models.CharField, models.TextField)):
        return search_field
    return f"{path}__fold__{lookup}"


class CenterAccountsMixin:
    """The accounts a center's admin lists, opens and offers: its own staff only (those whose
    Membership is this center), whoever looks, the operator included. Other centers'
    accounts, and the operator's own, are managed at the operator's host.

    `PortalAdminSite` mixes it into the admin of the user model, whichever class that is.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        center_id = current_center_id()
        if center_id is None:
            return queryset
        return queryset.filter(membership__center_id=center_id)


class PortalAdminSite(admin.AdminSite):
    """The admin at /admin/ of every center's host (`admin.site`, see
    `core.apps.AdminConfig`).

    Every ModelAdmin registered here, ours and those of Django and other packages alike,
    searches with `FoldedSearchMixin`: a new admin cannot forget it (`tests/core/
    test_admin_search.py` walks them all). The accounts' admin lists the center's own
    (`CenterAccountsMixin`); the header, the titles and "recent actions" are the center's.
    """

    index_title = gettext_lazy("Site administration")
    login_form = LoginForm

    @property
    def site_header(self):
        return format_lazy(gettext_lazy("{name}: administration"), name=_SiteName())

    @property
    def site_title(self):
        return format_lazy(gettext_lazy("Administration of {name}"), name=_SiteName())

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        models_ = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        mixins = [FoldedSearchMixin]
        if any(model is get_user_model() for model in models_):
            mixins.append(CenterAccountsMixin)
        mixins = tuple(m for m in mixins if not issubclass(admin_class, m))
        if mixins:
            admin_class = type(
                admin_class.__name__,
                (*mixins, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_log_entries(self, request):
        """ "Recent actions" at a center's host: only those on this center's rows. The log
        (django.contrib.admin's LogEntry) is one table for every center and names an object
        by content type and id; an entry is this center's when the object is still among the
        center's rows (each tenant model's fenced manager). Actions on shared tables
        (accounts, centers, the national checklist) are the operator's, listed at the
        operator's host."""
        entries = super().get_log_entries(request)
        if current_center_id() is None:
            return entries
        return entries.filter(_center_objects())


class _SiteName:
    """The current center's name (core.centers.site_name), read when the text is shown."""

    def __str__(self):
        from core.centers import site_name

        return site_name()


def _center_objects():
    """Q: a log entry names a row of the current center."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from core.tenancy import CenterOwned

    tenant_models = [m for m in apps.get_models() if issubclass(m, CenterOwned)]
    types = ContentType.objects.get_for_models(*tenant_models)
    condition = models.Q(pk__in=[])
    for model, content_type in types.items():
        keys = model._default_manager.annotate(
            log_key=Cast("pk", output_field=models.CharField())
        ).values("log_key")
        condition |= models.Q(content_type=content_type, object_id__in=keys)
    return condition


# The ground floor's own models that staff edit. `CoreConfig.ready` registers them: this module
# is imported while `admin.site` is being made (it holds the site's class), so registering here
# would reach a site that is then thrown away.


class HamletAdmin(admin.ModelAdmin):
    """The hamlets offered in the enrollment form and the survey (xóm)."""

    list_display = ["name", "position", "is_other"]
    list_editable = ["position"]
    search_fields = ["name"]
