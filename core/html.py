"""Rich text: one editor configuration, one server-side sanitizer and one model field for
every app.

Staff write in django-prose-editor (vendored in its package: no CDN). Whatever the browser
sends, the HTML is cleaned by nh3 against the allow-list below, so no staff account can plant a
script, an event handler, a `javascript:` link or a third-party image for readers. Every model
field that holds rich text is a `RichTextField`, which cleans its value whenever the row is
saved, by a form or by code (a service, the demo loader, the shell): templates may print such a
field with `|safe`, and no other (tests/core/test_rich_text_fields.py checks both).
"""

import html
import re
from urllib.parse import urlsplit

import nh3
from django.core.files.storage import default_storage
from django.urls import reverse_lazy
from django_prose_editor.fields import ProseEditorField

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
    "Figure": True,  # a picture with its description and an optional caption
    "Caption": True,
    "Image": True,
    # Ours (static/js/rich-text-editor.js, see DJANGO_PROSE_EDITOR_EXTENSIONS): the picture
    # button uploads the file chosen (core.views.rich_text_image_upload); the menu speaks
    # the language of the admin.
    "PictureUpload": {"uploadUrl": reverse_lazy("rich-text-image-upload")},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "TranslatedMenu": True,  # last: it translates the items the others put in the menu
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


PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def own_picture_url(value: str) -> str | None:
    """`value` as the address of a picture among this site's uploads, or None.

    Images load only from there: a reader's phone never contacts a third party because of an
    article, and nobody can track readers through an embedded image. With uploads on this
    server (`/media/...`) the path is kept, whatever site address was typed before it (an
    address copied from the admin); with uploads in object storage, the full address, which
    must start as the storage's own addresses do (its bucket or CDN, its folder).
    """
    parts = urlsplit(value.strip())
    path = parts.path
    if ".." in path or "\\" in path or not path.lower().endswith(PICTURE_SUFFIXES):
        return None
    probe = "picture.jpg"
    base = default_storage.url(probe).split("?")[0].removesuffix(probe)
    if base.startswith("/"):
        return path if path.startswith(base) else None
    address = f"{parts.scheme}://{parts.netloc}{path}"
    return address if parts.scheme == "https" and address.startswith(base) else None


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return own_picture_url(value)
    if attribute in {"width", "height", "colspan", "rowspan", "start"} and not value.isdigit():
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    attribute_filter=_attribute_filter,
    link_rel="noopener noreferrer nofollow",
    # A picture further down an article loads only when the reader scrolls to it.
    set_tag_attribute_values={"img": {"loading": "lazy"}},
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
# Elements whose content is never text a reader sees. Rich text holds none once saved (the
# sanitizer drops them); a model that derives its search words before the save still must not
# index a script's code.
_HIDDEN = re.compile(
    r"<(script|style|template|noscript|iframe|object|textarea|title)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def plain_text(rich: str) -> str:
    """The words of rich text, for excerpts and search: a space where a block (paragraph, list
    item, cell...) ends, inline tags dropped, entities decoded ("&amp;" is "&"), spaces
    collapsed. Meant for HTML that went through `sanitize_html`, or for plain text."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", _HIDDEN.sub(" ", rich or "")))
    return _SPACES.sub(" ", html.unescape(text)).strip()


class RichTextField(ProseEditorField):
    """A text field staff edit with the site's editor (RICH_TEXT_EXTENSIONS), sanitized by
    `sanitize_html` when a form cleans it and again whenever its row is saved (`pre_save`),
    whatever wrote the value. The database column is a plain text column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
