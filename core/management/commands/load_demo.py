"""Load the demo content that `make run` shows.

Each app that has demo content provides a `demo` module with a `load(stdout)` function; this
command runs them in INSTALLED_APPS order (so `attendance` finds the classes that `classes`
made). The command knows no app by name, so the ground floor still imports none of them.
Every `load` must be idempotent: running the command twice leaves the same rows.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo content built from the seed article (idempotent)."

    def handle(self, *args, **options):
        loaded = []
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(stdout=self.stdout)
            loaded.append(config.label)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {', '.join(loaded) or '-'}"))
