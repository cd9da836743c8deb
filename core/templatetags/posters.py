"""Template tags of the printable notices (posters and loudspeaker scripts)."""

from django import template
from django.utils.translation import gettext as _

from core import contact, qr

register = template.Library()


@register.simple_tag
def qr_svg(url, title=""):
    """{% qr_svg page_url %}: the QR code of an absolute URL as inline SVG (see core.qr)."""
    return qr.qr_svg(str(url), title=title or _("QR code: %(url)s") % {"url": url})


@register.simple_tag
def printed_contact():
    """{% printed_contact as contact %}: the center's contact details for paper, without the
    demo's examples (see core.contact.printed_contact)."""
    return contact.printed_contact()


@register.filter
def without_scheme(url):
    """ "https://tthtcd.example.vn/lop-hoc/x/" → "tthtcd.example.vn/lop-hoc/x/": what people
    type into a phone's address bar when the QR code cannot be scanned."""
    return str(url).split("://", 1)[-1]
