"""A per-address limit on public form submissions, counted in Django's cache.

The cache is shared between workers once CACHE_URL points at Redis, so the limit holds across
processes. The address is hashed before it becomes a cache key: it is never stored in clear.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "10/h" → (10, 3600); "0" or "" → None (no limit)."""
    rate = (rate or "").strip().lower()
    if rate in ("", "0"):
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d*)\s*([smhd])", rate)
    if not match:
        raise ValueError(f"Bad rate {rate!r}: use e.g. 10/h, 30/m, 100/d or 0")
    count, multiplier, unit = match.groups()
    if int(count) == 0:
        return None
    return int(count), int(multiplier or 1) * _PERIODS[unit]


def client_address(request):
    """The client's address. Behind the local nginx (README) the peer is 127.0.0.1 and the
    real address is the last one nginx appended to X-Forwarded-For; a client cannot forge
    that last entry, only the ones before it."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and (peer.startswith("127.") or peer == "::1"):
        return forwarded.split(",")[-1].strip()
    return peer


def hit(request, scope):
    """Count one attempt; True when the address is over the limit for this period."""
    limit = parse_rate(getattr(settings, "ENROLL_RATE_LIMIT", "0"))
    if limit is None:
        return False
    count, seconds = limit
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest[:32]}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used > count
