"""A new center, in one step: `create_center` (used by `manage.py create_center`, by
`load_demo` for its second center) and the part the operator's admin shares with it
(`clean_host`, `center_provision`).

A center starts with its host names (the first is the main one), what every center needs
before anyone types anything — the configuration each app declares with its
`center_defaults` hook (the news categories, the center's own organization) and the "other"
choice of the hamlets list — and, when asked, its first administrator, who sets a password
through a one-time link. Bad input changes nothing.
"""

from __future__ import annotations

import dataclasses
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core import hooks
from core.centers import is_operator_host
from core.hamlets import ensure_other
from core.models import Center, CenterHost, Hamlet, Membership
from core.roles import CENTER_ADMIN, CENTER_STAFF
from core.tenancy import use_center
from core.text import slugify_vi

# A host name as browsers send it: labels of letters, digits and hyphens (an IPv4 address
# passes too). Names with Vietnamese letters are turned into their ASCII form ("xn--...").
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")


@dataclasses.dataclass
class NewCenter:
    center: Center
    administrator: object = None  # the first administrator's account, when one was asked
    password_link: str = ""  # where they set their password (once)


def clean_host(raw: str) -> str:
    """`raw` as a host name a center can answer at (lower case, ASCII, no port), or a
    ValidationError saying what is wrong with it. Whether it is taken is not checked here."""
    host = (raw or "").strip().rstrip(".")
    if not host:
        raise ValidationError(_("Give a host name, e.g. tthtcd-tientan.example.vn."))
    if any(mark in host for mark in ":/@ "):
        raise ValidationError(
            _(
                "“%(host)s” is not a bare host name: write it without http://, port or path, "
                "e.g. tthtcd-tientan.example.vn."
            ),
            params={"host": host},
        )
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = ""
    if not host or len(host) > 253 or not _HOST.match(host):
        raise ValidationError(
            _("“%(host)s” is not a valid host name."), params={"host": (raw or "").strip()}
        )
    if is_operator_host(host):
        raise ValidationError(
            _("“%(host)s” is the hosting operator's own host name."), params={"host": host}
        )
    return host


def center_provision(center):
    """What every center starts with (idempotent): each app's `center_defaults` and the
    hamlets list's "other" choice (staff add the commune's hamlets)."""
    with use_center(center):
        for function in hooks.functions("center_defaults"):
            function()
        ensure_other(Hamlet)


def _check(*, hosts, name, slug, admin_email):
    """The cleaned hosts, name, slug and administrator's username, or every problem at once."""
    errors = []
    name = (name or "").strip()
    if not name:
        errors.append(_("Give the center's name (--name)."))
    cleaned = []
    for raw in hosts or []:
        try:
            host = clean_host(raw)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        taken = CenterHost.objects.filter(host=host).select_related("center").first()
        if taken:
            errors.append(
                _("The host name “%(host)s” already answers for “%(center)s”.")
                % {"host": host, "center": taken.center}
            )
        elif host not in cleaned:
            cleaned.append(host)
    if not hosts:
        errors.append(_("Give at least one host name (--host)."))
    slug = (slug or "").strip()
    try:
        validate_slug(slug)
    except ValidationError:
        if slug:
            errors.append(
                _("The short name “%(slug)s” may hold only ASCII letters, digits and hyphens.")
                % {"slug": slug}
            )
        else:
            errors.append(_("Give the center a short name (--slug), e.g. tien-hai."))
    if len(slug) > Center._meta.get_field("slug").max_length:
        errors.append(_("The short name “%(slug)s” is too long.") % {"slug": slug})
    elif slug and (other := Center.objects.filter(slug=slug).first()):
        errors.append(
            _("The short name “%(slug)s” is taken by “%(center)s”: choose another (--slug).")
            % {"slug": slug, "center": other}
        )
    username = (admin_email or "").strip().lower()
    if username:
        try:
            validate_email(username)
        except ValidationError:
            errors.append(_("“%(email)s” is not an e-mail address.") % {"email": admin_email})
        else:
            User = get_user_model()
            if len(username) > User._meta.get_field("username").max_length:
                errors.append(
                    _("The e-mail address “%(email)s” is too long.") % {"email": username}
                )
            elif User.objects.filter(username__iexact=username).exists():
                errors.append(
                    _("An account “%(username)s” already exists.") % {"username": username}
                )
    if errors:
        raise ValidationError(errors)
    return cleaned, name, slug, username


def _derived_slug(name, commune):
    """tien-hai for the commune of Tiên Hải; from the name when no commune is given."""
    max_length = Center._meta.get_field("slug").max_length
    return slugify_vi(commune or "", max_length) or slugify_vi(name or "", max_length)


@transaction.atomic
def create_center(*, hosts, name, commune="", province="", slug="", admin_email=""):
    """Make a center answering at `hosts` (the first is its main address), with what every
    center starts with (`center_provision`) and, given `admin_email`, its first
    administrator (a center administrator and center staff, username = the address, no
    password yet) and the one-time link where they set it. Raises ValidationError, with
    every problem, before anything is written."""
    hosts, name, slug, username = _check(
        hosts=hosts,
        name=name,
        slug=slug or _derived_slug(name, commune),
        admin_email=admin_email,
    )
    center = Center.objects.create(
        name=name, slug=slug, commune=(commune or "").strip(), province=(province or "").strip()
    )
    for index, host in enumerate(hosts):
        CenterHost.objects.create(center=center, host=host, is_primary=index == 0)
    center_provision(center)
    result = NewCenter(center=center)
    if username:
        result.administrator = user = get_user_model().objects.create_user(
            username=username, email=username, is_staff=True
        )  # no password: create_user leaves it unusable
        user.groups.set(Group.objects.filter(name__in=[CENTER_ADMIN, CENTER_STAFF]))
        Membership.objects.create(user=user, center=center)
        result.password_link = password_link(user, hosts[0])
    return result


def password_link(user, host):
    """The address where `user` sets a password, once (Django's reset token: it stops
    working when the password is set, or after PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    # A local run (DEBUG) has no TLS; a deployment answers only over HTTPS.
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{host}{path}"
