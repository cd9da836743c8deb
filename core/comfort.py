"""Reading comfort: the larger-text switch ("Cỡ chữ: Thường | Lớn | Rất lớn").

Works without JavaScript: each choice in the footer is a plain link to `/co-chu/?c=lon&next=…`,
which remembers the choice in a long-lived cookie and sends the reader back to the page they
were on. The server renders `<html class="text-large">` from the cookie (site.css scales the
root font size, everything else is in rem), so the page is right the first time.

A link, not a form: a form would carry a CSRF token, and a token in the footer would keep every
page out of the anonymous page cache (core.cache). Changing one's own text size is harmless if
someone else's page makes the browser do it.

The anonymous page cache stores whole pages, so its key includes the choice (`text_size`):
one of these few values, never anything else from the cookie.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

COOKIE_NAME = "co-chu"
COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60  # two years: set once, on the phone for good
MAX_NEXT_LENGTH = 2000
NORMAL = "thuong"
# value in the URL and the cookie → (label, class on <html>)
SIZES = {
    NORMAL: (_("Normal"), ""),
    "lon": (_("Large"), "text-large"),
    "rat-lon": (_("Very large"), "text-larger"),
}


def text_size(request):
    """The reader's remembered choice; anything but a known value reads as normal."""
    value = request.COOKIES.get(COOKIE_NAME, NORMAL)
    return value if value in SIZES else NORMAL


def choices(request):
    """For the footer's switch: (value, label, chosen) for each size."""
    current = text_size(request)
    return [(value, label, value == current) for value, (label, _cls) in SIZES.items()]


def html_class(request):
    return SIZES[text_size(request)][1]


def _safe_next(request):
    target = request.GET.get("next", "")
    if len(target) > MAX_NEXT_LENGTH or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return "/"
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@require_safe
def set_text_size(request):
    """`/co-chu/?c=<size>&next=<path>`: remember the size, go back. An unknown size changes
    nothing; a `next` leading to another site goes home instead."""
    response = HttpResponseRedirect(_safe_next(request))
    value = request.GET.get("c", "")
    if value == NORMAL:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    elif value in SIZES:
        response.set_cookie(
            COOKIE_NAME,
            value,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,  # no script reads it: the server renders the class
            samesite="Lax",
        )
    return response
