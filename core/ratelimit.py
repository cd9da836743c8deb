"""Limits on how often one client (or one e-mail address) may do something: submit the public
forms, ask for a password reset. Counted in Django's default cache, which every worker shares
(a folder on one server, Redis on several: see CACHES in the settings), so the limit holds
however many processes serve the site.

A rate is written "10/h" (also "30/m", "100/d", "30/5m"); "0" turns a limit off (load tests).
What is counted is hashed with the secret key before it becomes a cache key: neither an
address nor an e-mail is ever stored in clear.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

from core.net import client_ip

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# Every rate setting, with the environment variable that sets it (for the system check).
RATE_SETTINGS = {
    "ENROLL_RATE_LIMIT": "DJANGO_ENROLL_RATE_LIMIT",
    "PASSWORD_RESET_RATE_LIMIT": "DJANGO_PASSWORD_RESET_RATE_LIMIT",
    "LOOKUP_RATE_LIMIT": "DJANGO_LOOKUP_RATE_LIMIT",
    "QUESTION_RATE_LIMIT": "DJANGO_QUESTION_RATE_LIMIT",
}


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


def count(scope, identity, rate):
    """Count one attempt of `identity` (an address, an e-mail) in `scope`; True when it is
    over `rate` (a rate string) for the current period."""
    limit = parse_rate(rate)
    if limit is None:
        return False
    allowed, seconds = limit
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{identity}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest[:32]}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used > allowed


def hit(request, scope, rate=None):
    """Count one attempt by the client of `request` (core.net.client_ip); True when it is over
    the limit. `rate` defaults to the public forms' ENROLL_RATE_LIMIT."""
    if rate is None:
        rate = settings.ENROLL_RATE_LIMIT
    return count(scope, client_ip(request), rate)
