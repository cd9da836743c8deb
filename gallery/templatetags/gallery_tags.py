"""An album's photo as a responsive <picture> (the renditions of `news.images`)."""

from django import template

from news.templatetags.news_tags import picture_html

register = template.Library()


@register.simple_tag
def photo_picture(photo, sizes="100vw", eager=False, css_class=""):
    """<picture> of an album's photo, width/height set, lazy unless `eager`."""
    if photo is None:
        return ""
    return picture_html(
        photo.image, photo.width, photo.height, photo.alt_text,
        sizes=sizes, eager=eager, css_class=css_class,
    )  # fmt: skip
