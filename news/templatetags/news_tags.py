"""Cover pictures (responsive WebP with JPEG fallback) and the video facade."""

import re
from urllib.parse import parse_qs, urlsplit

from django import template
from django.template.loader import render_to_string

from news.images import rendition_name, widths_for

register = template.Library()

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube watch, short, embed or shorts link; None otherwise."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = parts.path.split("/")[2]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


@register.simple_tag
def cover_picture(article, sizes="100vw", eager=False, css_class=""):
    """<picture> with WebP and JPEG `srcset`s, width/height set, lazy unless `eager`."""
    return picture_html(
        article.cover, article.cover_width, article.cover_height, article.cover_alt,
        sizes=sizes, eager=eager, css_class=css_class,
    )  # fmt: skip


def picture_html(image, width, height, alt, *, sizes="100vw", eager=False, css_class=""):
    """The <picture> of a stored picture whose renditions `news.images.make_renditions`
    wrote (an article's cover, a photo of an album); "" without a picture."""
    if not image:
        return ""
    storage, name = image.storage, image.name
    widths = widths_for(width)

    def srcset(ext):
        return ", ".join(f"{storage.url(rendition_name(name, f'w{w}.{ext}'))} {w}w" for w in widths)

    fallback_width = widths[min(1, len(widths) - 1)]
    return render_to_string(
        "news/includes/picture.html",
        {
            "webp_srcset": srcset("webp"),
            "jpg_srcset": srcset("jpg"),
            "src": storage.url(rendition_name(name, f"w{fallback_width}.jpg")),
            "sizes": sizes,
            "width": width,
            "height": height,
            "alt": alt,
            "eager": eager,
            "css_class": css_class,
        },
    )


@register.simple_tag
def og_image_url(article):
    """Path of the 1200×630 link-preview JPEG of an article's cover ("" without a cover)."""
    if not article.cover:
        return ""
    return article.cover.storage.url(rendition_name(article.cover.name, "og.jpg"))


@register.inclusion_tag("news/includes/video.html")
def video_facade(article):
    """A play button that loads YouTube only when tapped (no third-party request before)."""
    video_id = youtube_id(article.video_url)
    return {
        "article": article,
        "video_id": video_id,
        "watch_url": f"https://www.youtube.com/watch?v={video_id}" if video_id else "",
        "embed_url": (
            f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1" if video_id else ""
        ),
    }
