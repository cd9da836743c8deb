"""What an article says on a notice-board poster and over the commune loudspeaker.

The layout and the script's frame are shared with classes (core/announce.py,
templates/core/poster.html); this module only chooses the words of an article.
"""

from django.utils.translation import gettext as _

from core.announce import contact_sentence, loudspeaker_script, shorten
from core.centers import site_name
from core.html import plain_text
from core.text import fold

NOTICE_CATEGORY = "thong-bao"

# A poster is read from two metres: a short notice is printed whole, a long article by its
# summary. About 90 words is nine lines of 19 pt type on A4 beside the title and QR code.
POSTER_WORDS = 90
# About a minute on air with the greeting, the contact and the repeat.
SPOKEN_WORDS = 90
REMINDER_WORDS = 30


def main_text(article, max_words):
    """The body when it is short enough to give whole (a notice usually is), else the
    summary the author wrote for it, else the body cut at a sentence end."""
    body = plain_text(article.body)
    if body and len(body.split()) <= max_words:
        return body
    if article.summary:
        return shorten(article.summary, max_words)
    return shorten(body, max_words)


def poster_text(article):
    return main_text(article, POSTER_WORDS)


def is_notice(article):
    return article.category.slug == NOTICE_CATEGORY


def announced(title):
    """ "Thông báo tuyển sinh lớp…" → "tuyển sinh lớp…", so the announcer does not say
    "…xin thông báo: Thông báo…"."""
    words = title.split(" ", 2)
    if len(words) == 3 and fold(" ".join(words[:2])) == "thong bao":
        rest = words[2].lstrip(":- ")
        return rest[:1].lower() + rest[1:]
    return title


def loudspeaker_paragraphs(article):
    """The broadcast: greeting, headline, text, how to learn more, the repeat, closing."""
    center = site_name()
    if is_notice(article):
        headline = _("%(center)s announces: %(title)s") % {
            "center": center,
            "title": announced(article.title),
        }
    else:
        headline = _("News from %(center)s: %(title)s") % {"center": center, "title": article.title}
    text = main_text(article, SPOKEN_WORDS)
    return loudspeaker_script(
        content=[headline, text],
        contact=[contact_sentence()],
        # The author's summary is the best short version; else the text's first sentences.
        reminder=[
            article.title,
            shorten(article.summary, REMINDER_WORDS, whole_sentences=True)
            or shorten(text, REMINDER_WORDS, whole_sentences=True),
        ],
    )
