"""Load the demo content that `make run` shows: two centers on one machine.

- "tien-tan": the first center (the one the first migrate made), with the content built
  from the seed article;
- "tien-hai": with `--second-host HOST` (what `make run` passes: localhost), a second,
  smaller center, "Trung tâm học tập cộng đồng xã Tiên Hải", made by
  `core.onboarding.create_center` like any new center, with its own news, classes and
  learners — all of it invented.

Each app that has demo content declares it on its AppConfig (`demo = "<app>.demo.load"`, a
function taking `stdout` and the demo center's key; core.hooks); this command runs them once
per center inside `use_center(center)`, in INSTALLED_APPS order (so `attendance` finds the
classes that `classes` made). The command knows no app by name, so the ground floor still
imports none of them. Every loader must be idempotent: running the command twice leaves the
same rows (`make run` runs it every time).

With DEBUG on, it also makes demo staff accounts for each center (center staff, center
administrator, school staff) and a province account, printing each password once.
"""

import dataclasses
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from core import hooks
from core.centers import primary_host
from core.models import Center, CenterHost, Hamlet, Membership
from core.onboarding import clean_host, create_center
from core.roles import CENTER_ADMIN, CENTER_STAFF, PROVINCE_VIEWER, SCHOOL_STAFF
from core.tenancy import use_center

PROVINCE = "Hà Nam"


@dataclasses.dataclass(frozen=True)
class DemoCenter:
    key: str
    accounts: tuple  # (username, role)
    name: str = ""
    commune: str = ""
    hamlets: tuple = ()


FIRST = DemoCenter(
    key="tien-tan",
    commune="Tiên Tân",
    accounts=(
        ("canbo.tientan", CENTER_STAFF),
        ("quantri.tientan", CENTER_ADMIN),
        ("truong.tientan", SCHOOL_STAFF),
    ),
)
SECOND = DemoCenter(
    key="tien-hai",
    name="Trung tâm học tập cộng đồng xã Tiên Hải",
    commune="Tiên Hải",
    hamlets=("Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung"),
    accounts=(("canbo.tienhai", CENTER_STAFF), ("quantri.tienhai", CENTER_ADMIN)),
)


class Command(BaseCommand):
    help = "Load the demo content: the seed's center and, with --second-host, a second one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--second-host",
            default="",
            help="also load the second demo center (Tiên Hải), answering at this host name",
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="the port the printed addresses use"
        )

    def handle(self, *args, second_host, port, **options):
        first = Center.objects.order_by("pk").first()
        if first is None:
            raise CommandError("No center yet: run `manage.py migrate` first.")
        if not (first.commune or first.province):  # the seed's center, when nobody said
            Center.objects.filter(pk=first.pk).update(commune=FIRST.commune, province=PROVINCE)
        centers = [(FIRST, first)]
        if second_host:
            centers.append((SECOND, self.second_center(second_host)))
        loaded = []
        for demo, center in centers:
            with use_center(center):
                for config, path in hooks.declaring("demo"):
                    with transaction.atomic():
                        import_string(path)(stdout=self.stdout, demo=demo.key)
                    if config.label not in loaded:
                        loaded.append(config.label)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {', '.join(loaded) or '-'}"))
        if settings.DEBUG:
            for demo, center in centers:
                self.accounts(demo, center)
        self.addresses(centers, port)

    def second_center(self, raw_host):
        """The second demo center, made once; its host taken from the first center when a
        local database got it from the default DJANGO_ALLOWED_HOSTS (DEBUG only)."""
        try:
            host = clean_host(raw_host)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        center = Center.objects.filter(slug=SECOND.key).first()
        taken = CenterHost.objects.filter(host=host).exclude(center=center).first()
        if taken is not None:
            if not settings.DEBUG:
                raise CommandError(f"{host} already answers for {taken.center}.")
            taken.delete()
            self.stdout.write(
                f"Demo: {host} now answers for the second center, not {taken.center}."
            )
        if center is None:
            center = create_center(
                hosts=[host],
                name=SECOND.name,
                commune=SECOND.commune,
                province=PROVINCE,
                slug=SECOND.key,
            ).center
            with use_center(center):
                for position, name in enumerate(SECOND.hamlets, start=1):
                    Hamlet.objects.create(name=name, position=position)
        elif not center.hosts.filter(host=host).exists():
            CenterHost.objects.create(center=center, host=host, is_primary=False)
        return center

    def accounts(self, demo, center):
        """Demo staff accounts of one center (and the province's), each password shown once."""
        User = get_user_model()
        wanted = [(username, role, center) for username, role in demo.accounts]
        if demo is FIRST:
            wanted.append(("tinh.hanam", PROVINCE_VIEWER, None))
        for username, role, workplace in wanted:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, password=password, is_staff=workplace is not None
            )
            user.groups.set(Group.objects.filter(name=role))
            if workplace is None:
                Membership.objects.create(user=user, province=PROVINCE)
            else:
                Membership.objects.create(user=user, center=workplace)
            where = workplace or f"province {PROVINCE}"
            self.stdout.write(
                f"Demo account {username} ({role}, {where}), password shown only now: {password}"
            )

    def addresses(self, centers, port):
        self.stdout.write("\nOpen the demo (make run):")
        for _demo, center in centers:
            self.stdout.write(f"  {center.name}: http://{primary_host(center)}:{port}/")
        for host in settings.OPERATOR_HOSTS[:1]:
            self.stdout.write(f"  Hosting operator (superuser only): http://{host}:{port}/admin/")
