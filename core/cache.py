"""Whole-page cache for anonymous readers, invalidated the moment content changes.

Most requests are villagers reading the same few pages (a notice shared on Zalo brings the
whole commune at once). Those pages are the same for every anonymous reader, so they are kept
in the shared cache (`CACHE_URL`: Redis when several processes or servers run) under a key that
includes a *content version*:

- any save or delete of a row that public pages show bumps the version (signal below), so the
  next request renders afresh: a reader never sees a page older than the publish;
- content that changes with time alone (a scheduled article's publish time, a notice's
  expiry, an enrollment window, tomorrow's date) is found by asking each app's `next_change`
  hook (declared on its AppConfig, core.hooks); when that moment passes, the version is
  bumped too.

Pages differ by one thing from a cookie: the reader's text size (core.comfort), one of a few
fixed values, which is part of the key; nothing else from cookies is.

Staff (any request carrying a session cookie) are never served from, nor stored in, this
cache. Responses that set a cookie, vary on cookies or say private/no-store are not stored.
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from core import comfort, hooks, tenancy

# Each center has its own version (a change at one center keeps the others' pages cached);
# rows no center owns (the TT 25/2023 checklist) bump the one version every key also holds.
SHARED_VERSION_KEY = "portal:content-version"


def _version_key(center_id):
    return f"portal:content-version:{center_id}"


def _next_change_key(center_id):
    return f"portal:next-change:{center_id}"


def bump_content_version(sender=None, instance=None, **kwargs):
    """Called on every save/delete of a model public pages may show: the version of the
    row's center (or, with no center, the shared one) goes up.

    Bumped at once (this process sees its own write) and again when the transaction commits:
    a reader on another process or server who renders between the save and the commit still
    sees the old rows and would otherwise store them under the new version.
    """
    if sender is not None and (
        sender._meta.app_label in settings.PAGE_CACHE_IGNORE_APPS
        or sender._meta.label_lower in settings.PAGE_CACHE_IGNORE_MODELS
    ):
        return
    # A row's center's version; a row no center owns bumps the shared one. With no row (a
    # write that sends no signal, told here by its service), the current center's.
    if instance is None:
        center_id = tenancy.current_center_id()
    else:
        center_id = getattr(instance, "center_id", None)
    _bump(center_id)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(center_id))


def _bump(center_id):
    """Turn the center's version (None: the shared one) and forget what this process
    remembered of it, so it sees its own change at once."""
    key = SHARED_VERSION_KEY if center_id is None else _version_key(center_id)
    try:
        cache.incr(key)
    except ValueError:  # no version yet (first request, or the cache was emptied)
        cache.set(key, 1, None)
    if center_id is None:
        _memo.clear()
    else:
        cache.delete(_next_change_key(center_id))
        _memo.pop(center_id, None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_content_version, dispatch_uid=f"core.cache.{id(signal)}")


def _next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=local.tzinfo)


def next_change(now):
    """The earliest future moment at which some public page changes by time alone."""
    moments = [_next_midnight(now)]
    for finder in hooks.functions("next_change"):
        if (moment := finder(now)) is not None:
            moments.append(moment)
    return min(moments)


# Each process remembers the version for a moment, so a cache hit costs one round trip to the
# shared cache instead of two. A publish therefore reaches every process within this time.
VERSION_MEMO_SECONDS = 0.5
_memo: dict = {}  # {center id: (version, until, next change)}


def content_version(now=None):
    """The current center's version ("shared.center"), bumped when a scheduled change's time
    has come. Part of every cached page's key, and of what else is cached per version."""
    center_id = tenancy.current_center_id()
    now = now or timezone.now()
    clock = time.monotonic()
    remembered = _memo.get(center_id)
    if remembered and clock < remembered[1] and now.timestamp() < remembered[2]:
        return remembered[0]
    version, next_change_at = _shared_content_version(center_id, now)
    _memo[center_id] = (version, clock + VERSION_MEMO_SECONDS, next_change_at)
    return version


def stored_version():
    """The current center's version as last bumped, without looking for scheduled changes
    (no query): for what is cached per version besides pages (the footer's contacts)."""
    center_key = _version_key(tenancy.current_center_id())
    values = cache.get_many([SHARED_VERSION_KEY, center_key])
    return f"{values.get(SHARED_VERSION_KEY, 0)}.{values.get(center_key, 0)}"


def _shared_content_version(center_id, now):
    version_key, next_change_key = _version_key(center_id), _next_change_key(center_id)
    values = cache.get_many([SHARED_VERSION_KEY, version_key, next_change_key])
    for key in (SHARED_VERSION_KEY, version_key):
        if values.get(key) is None:
            cache.add(key, 1, None)
            values[key] = cache.get(key, 1)
    until = values.get(next_change_key)
    if until is None or now.timestamp() >= until:
        if until is not None:
            _bump(center_id)
            values[version_key] = cache.get(version_key, values[version_key])
        until = next_change(now).timestamp()
        cache.set(next_change_key, until, None)
    return f"{values[SHARED_VERSION_KEY]}.{values[version_key]}", until


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(
            (*settings.STAFF_URL_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
        )
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        size = comfort.text_size(request)
        key = f"page:{content_version()}:{size}:{hashlib.sha256(url.encode()).hexdigest()}"
        stored = cache.get(key)
        if stored is not None:
            # Stored as plain data (status, headers, body): quicker to load than a response.
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
