"""Vietnamese text helpers: ASCII slugs and the folding that search compares on.

Vietnamese letters carry up to two marks (a vowel shape and a tone: "ệ" = e + circumflex + dot
below). Decomposing to NFD and dropping the combining marks removes both. "đ"/"Đ" is a letter of
its own, not d plus a mark, so it is mapped explicitly.
"""

import re
import unicodedata

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Monday first, as `date.weekday()` counts: "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday"))  # fmt: skip

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese (and other Latin) diacritics, keeping letters and case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Fold text for search: NFC, lower case, no diacritics, "đ" → "d", spaces collapsed.

    Both the stored text and the query are folded, so "tien tan", "TIÊN TÂN" and a decomposed
    "tiên tân" all compare equal to "Tiên Tân".
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


def slugify_vi(text: str, max_length: int = 80) -> str:
    """An ASCII slug: "Đào tạo nghề mộc" → "dao-tao-nghe-moc".

    Cut at a word boundary so a long title never ends in half a word.
    """
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        # Look one character further: a "-" there means the cut falls between two words.
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug


def unique_slug(instance, text: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug for `instance` that no other row of its model uses: "lop-hoc", "lop-hoc-2", ...
    (of its center, for a center's row: the default manager keeps to the current center, and
    a row that already knows its center looks among that center's rows).

    Empty text (a title of only symbols) falls back to the model's name, so a slug is never "".
    """
    base = slugify_vi(text, max_length=max_length - 4) or slugify_vi(instance._meta.model_name)
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    if getattr(instance, "center_id", None) is not None:
        others = others.filter(center_id=instance.center_id)
    slug, n = base, 2
    while others.filter(**{field: slug}).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def weekday_name(day) -> str:
    """The weekday of a date (or of `date.weekday()`'s number) in words: "Thứ Ba"."""
    return str(WEEKDAYS[day if isinstance(day, int) else day.weekday()])


def _starts_with_class(title: str) -> bool:
    """Whether a class title already says "Lớp …" ("Lớp tin học cơ bản", "LỚP MAY")."""
    first = title.split(maxsplit=1)[0] if title.strip() else ""
    return first.casefold() == "lớp"


def class_named(title: str, *, quoted: bool = False) -> str:
    """How a sentence names a class: "lớp Trồng cây cảnh", or for a title that already starts
    with "Lớp", the title alone ("lớp tin học cơ bản"): the word is never said twice.

    `quoted`: the title as written, in quotation marks ("lớp “Trồng cây cảnh”", "“Lớp tin
    học cơ bản”"). Every message that names a class takes this whole phrase as `%(class)s`
    and does not write the word "lớp" before it (docs/translation-style.md, class titles).
    """
    title = unicodedata.normalize("NFC", str(title)).strip()
    if _starts_with_class(title):
        if quoted:
            return f"“{title}”"
        # Inside a sentence: "mở lớp tin học", not "mở Lớp tin học" (an all-caps title stays).
        return title[:1].lower() + title[1:] if title[1:3].islower() else title
    if quoted:
        return gettext("class “%(title)s”") % {"title": title}
    return gettext("class %(title)s") % {"title": title}


def class_title(topic: str) -> str:
    """The title of a class on `topic`: "Lớp nấu ăn" from "nấu ăn", "Nấu ăn" or "lớp nấu ăn".

    Vietnamese writes the subject after "Lớp" in lower case, except an acronym ("Lớp IT")."""
    topic = unicodedata.normalize("NFC", str(topic)).strip()
    if _starts_with_class(topic):
        return topic[:1].upper() + topic[1:]
    if topic[1:2].islower():
        topic = topic[:1].lower() + topic[1:]
    return gettext("%(topic)s class") % {"topic": topic}
