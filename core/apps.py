from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True  # this module holds the admin's config too
    name = "core"
    verbose_name = _("Shared tools")

    def ready(self):
        from core import checks  # noqa: F401 - registers the system checks
        from core.roles import apply_roles

        # Groups are (re)applied after every migrate, so a new model's permissions reach the
        # staff who need them without anybody editing groups by hand.
        post_migrate.connect(apply_roles, dispatch_uid="core.apply_roles")

        from core import centers

        # A deployment always has a center (the first one made from the settings), and a
        # changed center or host name is read again at once (core.centers).
        post_migrate.connect(centers.ensure_a_center, dispatch_uid="core.ensure_a_center")
        centers.connect_signals()

        from core.cache import connect_signals

        # Any change to content invalidates the anonymous page cache at once.
        connect_signals()

        from django.contrib import admin

        from core.admin import HamletAdmin
        from core.models import Hamlet

        # Not with @admin.register in core/admin.py: see the note there. `ready` runs again
        # when a test overrides INSTALLED_APPS, and the site is the same one then.
        if not admin.site.is_registered(Hamlet):
            admin.site.register(Hamlet, HamletAdmin)

        from django.contrib.auth import get_user_model

        from core.admin_accounts import CenterUserAdmin

        # A center's own accounts, in place of Django's UserAdmin (core/admin_accounts.py).
        User = get_user_model()
        registered = admin.site.is_registered(User) and admin.site.get_model_admin(User)
        if not isinstance(registered, CenterUserAdmin):
            if registered:
                admin.site.unregister(User)
            admin.site.register(User, CenterUserAdmin)

        from core import lookups

        # `field__fold`: accent-insensitive comparisons in the database (the admin's search).
        lookups.register_lookups()


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (`core.admin.PortalAdminSite`) as `admin.site`,
    so every ModelAdmin registered on it, Django's own included, searches without accents."""

    default = False
    default_site = "core.admin.PortalAdminSite"
