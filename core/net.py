"""Who is asking: the client's address, by one rule for every part of the site that needs it
(the admin's lock-out through django-axes, the rate limits of the public forms and of the
password reset).

The rule: behind `settings.PROXY_COUNT` reverse proxies (`DJANGO_PROXY_COUNT`; nginx on the same
server: 1), the client is the PROXY_COUNT-th address from the right of X-Forwarded-For. Each
proxy appends the address it received the request from, so the entries a client writes itself
(a forged header) are always further left and never chosen. With 0 proxies the header is
ignored and the client is the peer of the connection (REMOTE_ADDR). A request that arrives
with fewer entries than there are proxies did not come through them: its peer is used.

django-ipware (installed with django-axes' `ipware` extra) parses the header: IPv6, brackets
and ports, IPv4-mapped addresses; an entry that is not an address is never returned.
"""

import functools

from django.conf import settings
from python_ipware import IpWare


@functools.cache
def _reader(proxy_count: int) -> IpWare:
    # ipware counts the proxies listed in the header after the client; the last proxy is not
    # listed there (it is REMOTE_ADDR), hence one less than ours.
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxy_count - 1)


def client_ip(request) -> str:
    """The client's address as a string ("" when there is none at all)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.PROXY_COUNT
    if proxies > 0:
        found, _trusted = _reader(proxies).get_client_ip(request.META)
        if found is not None:
            return str(found)
    return peer
