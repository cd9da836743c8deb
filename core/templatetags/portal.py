"""Template tags every app uses: absolute URLs for link previews, Vietnamese dates, and the
machine-readable date and time of `<time datetime>` and `article:*_time`."""

import datetime

from django import template
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.utils import formats, timezone

from core.text import class_named as _class_named
from core.text import weekday_name

register = template.Library()


@register.inclusion_tag("core/includes/related_links.html")
def related_links(obj, heading_id="related-links-title"):
    """What the apps above add to the page of `obj` (the `related_links` hook, core.hooks):
    an article's or a class's photo albums. Nothing when no app offers a link."""
    from core import hooks

    return {"links": hooks.related_links(obj), "heading_id": heading_id}


@register.simple_tag(takes_context=True)
def absolute(context, path):
    """`path` as an absolute URL on this site (link previews need absolute image URLs)."""
    request = context.get("request")
    try:
        return request.build_absolute_uri(path) if request else path
    except DisallowedHost:  # rendering the 400 page of a forged Host header
        return path


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    return absolute(context, static(path))


@register.filter
def class_named(title, how=""):
    """`{{ course.title|class_named }}` → "lớp Trồng cây cảnh" (core.text.class_named);
    `{{ course.title|class_named:"quoted" }}` → "lớp “Trồng cây cảnh”"."""
    return _class_named(title, quoted=how == "quoted")


@register.filter
def long_date(value):
    """ "Thứ Ba, 07/09/2021": the weekday spelled out, then the day-first date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{weekday_name(value)}, {formats.date_format(value, 'SHORT_DATE_FORMAT')}"


@register.filter
def machine_datetime(value):
    """ "2025-12-07T08:30:00+07:00": a date and time for `<time datetime>` and Open Graph's
    `article:published_time`, in the site's time zone, to the second.

    Every such attribute goes through this filter. Django's `date:"c"` keeps microseconds
    ("08:30:00.123456+07:00"), which HTML's datetime syntax refuses (at most three digits of
    a fraction) and link-preview readers need not see. A plain date stays a date.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
