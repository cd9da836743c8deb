"""Onboard a center in one command (core.onboarding.create_center):

    manage.py create_center --host tthtcd-tienhai.example.vn --name "Trung tâm học tập cộng
        đồng xã Tiên Hải" --commune "Tiên Hải" --province "Ninh Bình" --admin-email a@b.vn

prints where the center answers and, with --admin-email, the first administrator's one-time
link to set a password. Bad input is refused in Vietnamese, and nothing is made.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from core.onboarding import create_center


class Command(BaseCommand):
    help = (
        "Create a center: its host names, default categories and organization, first administrator."
    )
    # Messages in the site's language (Vietnamese), not the English Django switches to.
    leave_locale_alone = True

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            action="append",
            required=True,
            dest="hosts",
            help="a host name the center answers at (repeat for more; the first is the main one)",
        )
        parser.add_argument("--name", required=True, help="the center's full name")
        parser.add_argument("--commune", default="")
        parser.add_argument("--province", default="")
        parser.add_argument(
            "--slug", default="", help="short ASCII name (default: from the commune)"
        )
        parser.add_argument(
            "--admin-email", default="", help="the first center administrator's e-mail address"
        )

    def handle(self, *args, hosts, name, commune, province, slug, admin_email, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                made = create_center(
                    hosts=hosts,
                    name=name,
                    commune=commune,
                    province=province,
                    slug=slug,
                    admin_email=admin_email,
                )
            except ValidationError as error:
                lines = "\n".join(f"  - {message}" for message in error.messages)
                raise CommandError(
                    _("Nothing was created:\n%(problems)s") % {"problems": lines}
                ) from None
            center = made.center
            hosts_text = ", ".join(
                center.hosts.order_by("-is_primary", "pk").values_list("host", flat=True)
            )
            self.stdout.write(
                self.style.SUCCESS(
                    _("Center “%(name)s” (%(slug)s) created, answering at %(hosts)s.")
                    % {"name": center.name, "slug": center.slug, "hosts": hosts_text}
                )
            )
            if made.administrator is not None:
                days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
                self.stdout.write(
                    _(
                        "Administrator account: %(username)s. Send them this link to set "
                        "their password; it works once, within %(days)d day(s):\n%(link)s"
                    )
                    % {
                        "username": made.administrator.username,
                        "days": days,
                        "link": made.password_link,
                    }
                )
