"""Which center a request is for; security headers the framework does not set by itself; the
503 page for a database outage."""

import base64
import hashlib
import logging
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError, connection, connections
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template import loader
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject

from core import tenancy

log = logging.getLogger(__name__)

# Features no page of ours uses are switched off for the page and anything it embeds; the
# YouTube player (loaded only when a reader taps play) may go full screen and autoplay.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        'autoplay=(self "https://www.youtube-nocookie.com")',
        'fullscreen=(self "https://www.youtube-nocookie.com")',
    ]
)


def is_staff_path(path: str) -> bool:
    return path.startswith(tuple(settings.STAFF_URL_PREFIXES))


_IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _sha256_source(content: bytes) -> str:
    digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
    return f"'sha256-{digest}'"


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with two allowances for the Django admin only:

    - its templates and widgets still write `style="..."` attributes, which need
      'unsafe-inline' for *styles*;
    - the rich-text editor declares an import map, an inline `<script type="importmap">`
      whose URLs depend on the hashed static file names; it is allowed by the hash of exactly
      that text, computed here. Any other inline script stays blocked.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), UNSAFE_INLINE]
            if not getattr(response, "streaming", False) and b"importmap" in response.content:
                hashes = [_sha256_source(m) for m in _IMPORT_MAP.findall(response.content)]
                update["script-src"] = [*update.get("script-src", []), *hashes]
            response._csp_update = update
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; staff pages (admin, /quan-ly/) never cached
    anywhere, so a shared or borrowed phone keeps no copy of learners' data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_staff_path(request.path):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class DatabaseUnavailableMiddleware:
    """A request that meets an unreachable database gets a short Vietnamese 503 page with
    `Retry-After`, not a 500: the outage is temporary (PostgreSQL restarting, a failover) and
    the next request, with a fresh connection, works again. The page is rendered from a
    template that needs no database (no base.html, no context processors)."""

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log.error("Database unavailable while serving %s: %s", request.path, exception)
        # A connection that failed mid-request must not be reused by the next request.
        for conn in connections.all(initialized_only=True):
            if not conn.in_atomic_block:
                conn.close_if_unusable_or_obsolete()
        response = HttpResponse(
            loader.get_template("503.html").render({"retry_after": self.RETRY_AFTER_SECONDS}),
            status=503,
        )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


class _DatabaseCenter:
    """Sets the row-level security setting (`core.tenancy.GUC`) on the request's connection
    just before its first query, so a request served from the page cache costs no query.
    Set again after an atomic block that may have rolled it back, and on a new connection."""

    def __init__(self, center_id):
        self.value = str(center_id or "")
        self.raw_connection = None
        self.set_in_atomic = False

    def __call__(self, execute, sql, params, many, context):
        conn = context["connection"]
        stale = self.set_in_atomic and not conn.in_atomic_block
        if conn.connection is not self.raw_connection or stale:
            context["cursor"].cursor.execute(
                "SELECT set_config(%s, %s, false)", [tenancy.GUC, self.value]
            )
            self.raw_connection = conn.connection
            self.set_in_atomic = conn.in_atomic_block
        return execute(sql, params, many, context)

    def reset(self, conn):
        if self.raw_connection is not None and conn.connection is self.raw_connection:
            try:
                with conn.connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, '', false)", [tenancy.GUC])
            except Exception:  # a broken connection is closed and forgotten by Django
                log.warning("Could not clear %s on a connection", tenancy.GUC)


class CenterMiddleware:
    """First of all: which center this request is for, from its Host header alone.

    - a center's host: the center is current for the request (core.tenancy), on the
      connection too (row-level security), and `request.center` is it;
    - a merged center's host: a permanent redirect to the same path at the center it
      joined, or to a page's new address when the merge renamed it (core.redirects);
    - the hosting operator's host (`DJANGO_OPERATOR_HOSTS`): the operator's URLs only;
    - any other host: the operator's 404 page, never some center's content.

    Django's own host check (ALLOWED_HOSTS) is this: settings allow every Host header
    because this middleware, ahead of everything that reads the host, answers the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core import centers

        # As Django reads it (X-Forwarded-Host is not trusted: nginx sets Host itself).
        meta = request.META
        host = centers.normalize_host(meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""))
        if not host:  # not a host name at all (a scanner's garbage): a bad request
            return unknown_host(request, status=400)
        if centers.is_operator_host(host):
            request.center = None
            request.urlconf = settings.OPERATOR_URLCONF
            return self._serve(request, None)
        center = centers.center_for_host(host)
        if center is None:
            if request.path == "/healthz":
                # A load balancer or a deploy script asks by address: the app and its
                # database answer whatever the host.
                request.center = None
                request.urlconf = settings.OPERATOR_URLCONF
                return self._serve(request, None)
            return unknown_host(request)
        if center.merged_into_id:
            from core.redirects import moved_location

            target = centers.primary_host(center.merged_into_id)
            # A page renamed in the merge: its new address (core.redirects), else the same.
            query = meta.get("QUERY_STRING", "")
            location = moved_location(center.pk, request.path, query)
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{target}{location or request.get_full_path()}"
            )
        request.center = center
        return self._serve(request, center)

    def _serve(self, request, center):
        database_center = _DatabaseCenter(center.pk if center else None)
        token = tenancy.activate(center)
        try:
            with connection.execute_wrapper(database_center):
                return self.get_response(request)
        finally:
            database_center.reset(connection)
            tenancy.deactivate(token)


def unknown_host(request, status=404):
    """The hosting operator's page for a host name that is no center's (404), or no host name
    at all (400). It names no center."""
    response = HttpResponse(loader.get_template("unknown_host.html").render({}), status=status)
    add_never_cache_headers(response)
    return response


class CenterAccessMiddleware:
    """After authentication: an account signed in elsewhere counts as nobody here (a staff
    member of one center has no business in another's admin, whatever cookie they bring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.centers import may_work_at

        signed_in = request.user  # lazy: reading it reads the session (and adds Vary: Cookie)
        center = getattr(request, "center", None)

        def checked():
            if signed_in.is_authenticated and not may_work_at(signed_in, center):
                return AnonymousUser()
            # The account itself, not the lazy wrapper (now filled by the line above).
            return getattr(signed_in, "_wrapped", signed_in)

        request.user = SimpleLazyObject(checked)
        return self.get_response(request)
