"""Security headers the framework does not set by itself, and the 503 page for a database outage."""

import base64
import hashlib
import logging
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers, patch_cache_control

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
