"""Create a local administrator for `make run`, printing its generated password once.

Refuses to run unless DEBUG is on: production accounts are made with `createsuperuser`.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local 'admin' account (DEBUG only) and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_local_admin only runs with DJANGO_DEBUG=1; "
                "use createsuperuser in production."
            )
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' already exists; password unchanged.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdministrator created for local use only.\n"
                f"  URL:      /admin/\n  Username: {username}\n  Password: {password}\n"
                f"This password is shown only now.\n"
            )
        )
