"""The centers a deployment hosts: which one a host name belongs to, who may work where,
making a center, and merging two (the 2025 commune mergers did exactly that).

The fence itself (managers, row-level security, the current center) is `core.tenancy`.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port, validate_host

HOST_CACHE_SECONDS = 10 * 60
# Each process also keeps what it read this long: most requests then cost no cache read for
# the host at all. A change made in the admin is seen at once by the process that made it
# (the signals below) and within this time by every other worker.
HOST_MEMO_SECONDS = 30
_MISSING = "-"
FIRST_CENTER_ID = 1
_memo: dict = {}


def normalize_host(raw: str) -> str:
    """`Tthtcd-TienTan.example.vn:443` → `tthtcd-tientan.example.vn`; '' when not a host name."""
    domain, _port = split_domain_port(raw or "")
    return domain.rstrip(".").lower()


def is_operator_host(host: str) -> bool:
    """The hosting operator's own host names (`DJANGO_OPERATOR_HOSTS`): the province
    overview and the operator's admin, never a center's pages."""
    return bool(host) and validate_host(host, settings.OPERATOR_HOSTS)


def _host_key(host):
    return f"portal:center-host:{host}"


def center_for_host(host: str):
    """The Center answering at `host`, or None. One shared-cache read a request; the row is
    read from the database once per host and forgotten when a center or host changes."""
    from core.models import Center

    if not host:
        return None
    clock = time.monotonic()
    remembered = _memo.get(host)
    if remembered and remembered[0] > clock:
        stored = remembered[1]
    else:
        stored = _read_host(host)
        _memo[host] = (clock + HOST_MEMO_SECONDS, stored)
    if stored == _MISSING:
        return None
    return Center(**stored)


def _read_host(host):
    from core.models import CenterHost

    key = _host_key(host)
    stored = cache.get(key)
    if stored is None:
        row = (
            CenterHost.objects.filter(host=host)
            .values(
                "center_id",
                "center__name",
                "center__slug",
                "center__commune",
                "center__merged_into_id",
            )
            .first()
        )
        stored = (
            {
                "pk": row["center_id"],
                "name": row["center__name"],
                "slug": row["center__slug"],
                "commune": row["center__commune"],
                "merged_into_id": row["center__merged_into_id"],
            }
            if row
            else _MISSING
        )
        cache.set(key, stored, HOST_CACHE_SECONDS)
    return stored


def forget_hosts(sender=None, instance=None, **kwargs):
    """A center or host changed: its hosts are read again on the next request."""
    from core.models import Center, CenterHost

    if isinstance(instance, CenterHost):
        hosts = [instance.host]
    elif isinstance(instance, Center):
        hosts = list(CenterHost.objects.filter(center=instance).values_list("host", flat=True))
        hosts += list(
            CenterHost.objects.filter(center__merged_into=instance).values_list("host", flat=True)
        )
    else:
        return
    cache.delete_many([_host_key(h) for h in hosts])
    for host in hosts:
        _memo.pop(host, None)


def connect_signals():
    from core.models import Center, CenterHost

    for model in (Center, CenterHost):
        post_save.connect(forget_hosts, sender=model, dispatch_uid=f"forget_hosts_{model}")
        post_delete.connect(forget_hosts, sender=model, dispatch_uid=f"forget_hosts_d_{model}")


def site_name() -> str:
    """The name pages, feeds, posters and prints carry: the current center's, else (a
    command with no center) the settings' PORTAL_SITE_NAME."""
    from core.tenancy import current_center

    center = current_center()
    return center.name if center is not None else settings.SITE_NAME


def site_commune() -> str:
    """The commune signed documents are dated at ("Tiên Tân, ngày …"): the current center's
    (its name when no commune was given), else the settings' PORTAL_COMMUNE."""
    from core.tenancy import current_center

    center = current_center()
    if center is None:
        return settings.SITE_COMMUNE
    return center.commune or center.name


def is_first_center(center_id) -> bool:
    """Whether `center_id` is the deployment's first center: the one made from the settings
    (PORTAL_SITE_NAME, DJANGO_ALLOWED_HOSTS), which the settings' contact details describe
    (core.contact.settings_contact). `make_first_center` gives it number 1, in a fresh
    database, an upgraded one and after a test's flush alike; centers are never deleted
    (their rows PROTECT them)."""
    return center_id == FIRST_CENTER_ID


def primary_host(center) -> str:
    """`Center.primary_host` for a center (or its id) not loaded with its hosts: one query."""
    from core.models import CenterHost

    return CenterHost.objects.filter(center=center).values_list("host", flat=True).first() or ""


# -- who may work where -------------------------------------------------------------------


def workplace(user):
    """The user's Membership, or None (the operator, or an account with no workplace)."""
    from core.models import Membership

    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def accounts_working_at(center):
    """`may_work_at` as a condition on accounts, for a lookup that must stay one query (the
    password reset). tests/core/test_centers.py checks the two agree."""
    from django.db.models import Q

    if center is None:
        return Q(is_active=True) & (Q(is_superuser=True) | Q(membership__province__gt=""))
    return Q(is_active=True) & (Q(is_superuser=True) | Q(membership__center=center))


def may_work_at(user, center) -> bool:
    """Whether a signed-in account may work on this host: the operator (superuser)
    everywhere; everyone else only at their own center. On the operator's host (`center`
    None) the operator and the province's read-only accounts."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    membership = workplace(user)
    if membership is None:
        return False
    if center is None:
        return bool(membership.province)
    return membership.center_id == center.pk


# -- the first center ---------------------------------------------------------------------


def first_center_hosts():
    """DJANGO_ALLOWED_HOSTS as host names a center can answer at (patterns and IPv6
    literals left out)."""
    hosts = []
    for entry in settings.FIRST_CENTER_HOSTS:
        host = normalize_host(entry)
        if host and not host.startswith((".", "*")) and ":" not in host and host not in hosts:
            hosts.append(host)
    return hosts


def make_first_center(Center, CenterHost):  # noqa: N803 - models, historical in a migration
    """The center a database without one starts with: named as the site was
    (PORTAL_SITE_NAME), at the hosts of DJANGO_ALLOWED_HOSTS. A single-center site upgraded
    to many centers keeps every row (they all become this center's) and every address."""
    from django.utils.text import slugify

    from core.text import fold

    if Center.objects.exists():
        return None
    # Number 1, as in a fresh database, also when a test's flush emptied the table: the
    # site's processes may remember which center a host is (core.centers.center_for_host).
    center = Center.objects.create(
        pk=FIRST_CENTER_ID,
        name=settings.SITE_NAME,
        slug=slugify(fold(settings.SITE_NAME))[:60] or "trung-tam",
        commune=settings.SITE_COMMUNE,
    )
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Center]):
            cursor.execute(statement)
    for index, host in enumerate(first_center_hosts()):
        if not CenterHost.objects.filter(host=host).exists():
            CenterHost.objects.create(center=center, host=host, is_primary=index == 0)
    return center


def ensure_a_center(sender=None, **kwargs):
    """After every migrate (and a test's flush, which empties the tables): a deployment
    always has a center."""
    from core.models import Center, CenterHost

    try:
        center = make_first_center(Center, CenterHost)
    except Exception:
        return
    if center is not None:
        warm_hosts(center)


def warm_hosts(center):
    """Read the center's hosts into this process's memory now, so the first request to each
    costs no query: after the first center is made, and when a test run starts."""
    from core.models import CenterHost

    for host in CenterHost.objects.filter(center=center).values_list("host", flat=True):
        center_for_host(host)
