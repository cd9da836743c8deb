"""manage.py mail_admins SUBJECT < TEXT: a mail to DJANGO_ADMINS.

systemd runs it when a service of the portal fails (deploy/systemd/tientan-failed@.service),
with the failed unit's last journal lines as the text.
"""

import sys

from django.conf import settings
from django.core.mail import mail_admins
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Mail DJANGO_ADMINS a subject and the text read from standard input."
    stealth_options = ("stdin",)  # call_command(..., stdin=...) in tests

    def add_arguments(self, parser):
        parser.add_argument("subject", help='e.g. "tientan-backup.service failed"')

    def handle(self, *args, subject, **options):
        if not settings.ADMINS:
            raise CommandError("DJANGO_ADMINS is empty: there is nobody to tell.")
        text = options.get("stdin", sys.stdin).read()
        # EMAIL_SUBJECT_PREFIX (the host name) is added by mail_admins.
        mail_admins(subject, text or "(no text)", fail_silently=False)
        self.stdout.write(f"Mailed {len(settings.ADMINS)} administrator(s).")
