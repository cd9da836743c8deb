"""Rich text: one editor configuration and one server-side sanitizer for every app.

Staff write in django-prose-editor (vendored in its package: no CDN). Whatever the browser
sends, the HTML is cleaned by nh3 on save against the allow-list below, so no staff account can
plant a script, an event handler, a `javascript:` link or a third-party image for readers.
"""

import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

# What the editor offers: headings, bold/italic, lists, links, images, tables, quotes.
RICH_TEXT_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "BulletList": True,
    "OrderedList": True,
    # Lists and tables need their item and cell nodes, or the editor fails to start
    # ("No node type or group 'listItem' found") and staff see an empty box.
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Figure": True,  # "Insert figure": an image by its address, with alt text and caption
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li",
    "blockquote", "hr", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _attribute_filter(tag, attribute, value):
    # Images load only from this site's own uploads: a reader's phone never contacts a third
    # party because of an article, and nobody can track readers through an embedded image.
    # A full address copied from the admin ("https://<site>/media/...") keeps only its path.
    if tag == "img" and attribute == "src":
        path = urlsplit(value).path
        if not path.startswith(settings.MEDIA_URL) or ".." in path:
            return None
        return path
    if attribute in {"width", "height", "colspan", "rowspan", "start"} and not value.isdigit():
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    attribute_filter=_attribute_filter,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """The allow-listed subset of `html`; "" for an editor's empty paragraph."""
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in {"", "<p></p>", "<p><br></p>"} else cleaned


_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|h[1-6]|table|tr|td|th|blockquote|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def plain_text(rich: str) -> str:
    """The words of rich text, for excerpts and search: a space where a block (paragraph, list
    item, cell...) ends, inline tags dropped, entities decoded ("&amp;" is "&"), spaces
    collapsed. Meant for HTML that went through `sanitize_html`, or for plain text."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", rich or ""))
    return _SPACES.sub(" ", html.unescape(text)).strip()
