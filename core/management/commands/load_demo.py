"""Load the demo content that `make run` shows.

Each app that has demo content declares it on its AppConfig (`demo = "<app>.demo.load"`, a
function taking `stdout`; core.hooks); this command runs them in INSTALLED_APPS order (so
`attendance` finds the classes that `classes` made). The command knows no app by name, so the
ground floor still imports none of them. Every loader must be idempotent: running the command
twice leaves the same rows.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from core import hooks


class Command(BaseCommand):
    help = "Load the demo content built from the seed article (idempotent)."

    def handle(self, *args, **options):
        loaded = []
        for config, path in hooks.declaring("demo"):
            with transaction.atomic():
                import_string(path)(stdout=self.stdout)
            loaded.append(config.label)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {', '.join(loaded) or '-'}"))
