from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared tools")

    def ready(self):
        from core import checks  # noqa: F401 - registers the system checks
        from core.roles import apply_roles

        # Groups are (re)applied after every migrate, so a new model's permissions reach the
        # staff who need them without anybody editing groups by hand.
        post_migrate.connect(apply_roles, dispatch_uid="core.apply_roles")

        from core.cache import connect_signals

        # Any change to content invalidates the anonymous page cache at once.
        connect_signals()
