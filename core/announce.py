"""Notices for people who never open the site: the commune loudspeaker and the notice board.

Shared by `news` (notices, articles) and `classes` (class openings), which may not import
each other. What lives here is the shape of the output, not what an app says:

- `spoken_date`, `spoken_time`, `speakable`: dates, times and abbreviations the way an
  announcer reads them out ("ngày 15 tháng 3 năm 2026", "8 giờ 30", "Ủy ban nhân dân"),
  never "15/03/2026" or "UBND", which a reader stumbles over live on air;
- `shorten`: a text cut at a sentence end (a word end at worst) for a poster or a broadcast;
- `loudspeaker_script`: greeting, content, contact, "Xin nhắc lại…", closing;
- `plain_text_response`: the script as a .txt file for the announcer's computer.
"""

import datetime
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.centers import site_name
from core.contact import printed_contact
from core.text import weekday_name

# A commune announcer reads about 160 words (Vietnamese syllables) a minute.
WORDS_PER_MINUTE = 160

# Written abbreviations and what is said instead. Vietnamese content, not interface text.
ABBREVIATIONS = {
    "TTHTCĐ": "Trung tâm học tập cộng đồng",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "GDTX": "giáo dục thường xuyên",
    "SĐT": "số điện thoại",
    "ĐT": "điện thoại",
    "HTX": "hợp tác xã",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b")

# "15/03/2026", "15-3-2026", "15.3.2026"; "ngày 15/3" (a day and month only after "ngày").
_DATE = re.compile(
    r"(?:(?P<word>[Nn]gày)\s+)?(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})"
    r"(?:(?P=sep)(?P<y>\d{4}))?(?![\d/])"
)
# "8h30", "8h", "19:00", "7g30" (not "8ha" or "12:30:45").
_TIME = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])(?:[hg](?P<m1>[0-5]\d)?|:(?P<m2>[0-5]\d))(?![\w:])"
)
# "19 giờ–21 giờ", "2012–2019": an en dash between two numbers is read "đến".
_RANGE = re.compile(r"(?<=\d)\s*–\s*(?=\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_SPACES = re.compile(r"\s+")


def spoken_date(value, *, weekday=False) -> str:
    """ "ngày 15 tháng 3 năm 2026", or "Thứ Hai, ngày 15 tháng 3 năm 2026" (a weekday is
    written the same everywhere, docs/translation-style.md)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    said = _("day %(day)d month %(month)d year %(year)d") % {
        "day": value.day,
        "month": value.month,
        "year": value.year,
    }
    if weekday:
        said = f"{weekday_name(value)}, {said}"
    return said


def spoken_time(value: datetime.time) -> str:
    """ "8 giờ 30", "19 giờ"."""
    if value.minute:
        return _("%(hour)d h %(minute)02d") % {"hour": value.hour, "minute": value.minute}
    return _("%(hour)d o'clock") % {"hour": value.hour}


def _said_date(match: re.Match) -> str:
    year = match["y"]
    if not year and not match["word"]:
        return match[0]  # "1/2" may be a fraction; only "ngày 1/2" is surely a date
    try:
        value = datetime.date(int(year or 2000), int(match["m"]), int(match["d"]))
    except ValueError:
        return match[0]
    said = spoken_date(value)
    if not year:  # "ngày 15 tháng 3", without a year nobody wrote
        said = said.rsplit(" ", 2)[0]
    if match["word"] and match["word"][0].isupper():
        said = said[:1].upper() + said[1:]
    return said


def _said_time(match: re.Match) -> str:
    minute = match["m1"] or match["m2"] or "0"
    return spoken_time(datetime.time(int(match["h"]), int(minute)))


def speakable(text: str) -> str:
    """`text` with what an announcer would stumble over spelled out: dates and times in
    words, known abbreviations expanded, a dash between numbers read "đến"."""
    text = _SPACES.sub(" ", text or "").strip()
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[1]], text)
    text = _DATE.sub(_said_date, text)
    text = _RANGE.sub(" " + _("to") + " ", text)  # before times: "19:00–21:00"
    return _TIME.sub(_said_time, text)


def shorten(text: str, max_words: int, *, whole_sentences: bool = False) -> str:
    """`text` cut to at most `max_words` words: after the last whole sentence that fits, or,
    when that would leave less than half, at a word end with "…" (for print). With
    `whole_sentences` (for speech, where "…" cannot be read) never inside a sentence: "" when
    even the first sentence is too long."""
    text = _SPACES.sub(" ", text or "").strip()
    words = text.split(" ")
    if len(words) <= max_words:
        return text
    kept, count = [], 0
    for part in _SENTENCE_END.split(text):
        size = len(part.split(" "))
        if count + size > max_words:
            break
        kept.append(part)
        count += size
    if whole_sentences or count >= max_words // 2:
        return " ".join(kept)
    return " ".join(words[:max_words]).rstrip(",;:–-") + "…"


# What fits one A4 page at full size, in "characters" (a title's count 1.8 times for its larger
# type, each row of facts 25 for its label and spacing); calibrated on Chromium's print output
# by tests/browser/test_poster_journeys.py with every field at its longest.
POSTER_FULL_SIZE = 620
POSTER_COMPACT = 900


def poster_fit(title: str, texts, rows: int = 0) -> str:
    """The poster's size class: "" (full size), "poster-compact" or "poster-dense", so that
    long titles and many details still print on one page, in type as large as they allow."""
    weight = 1.8 * len(title) + sum(len(t or "") for t in texts) + 25 * rows
    if weight <= POSTER_FULL_SIZE:
        return ""
    return "poster-compact" if weight <= POSTER_COMPACT else "poster-dense"


def sentence(text: str) -> str:
    """`text` ending with a full stop (a broadcast is read sentence by sentence)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…:" else text + "."


def loudspeaker_script(*, content: list[str], contact: list[str], reminder: list[str]) -> list[str]:
    """The paragraphs of a broadcast: greeting, `content`, `contact`, then the essentials
    once more (`reminder`) for those who tuned in late, and the closing."""
    return [
        _("Dear fellow villagers of the commune!"),
        *(sentence(speakable(p)) for p in content if p),
        *(sentence(speakable(p)) for p in contact if p),
        _("Let me repeat: %(reminder)s")
        % {"reminder": " ".join(sentence(speakable(p)) for p in reminder if p)},
        _("Thank you for listening."),
    ]


def contact_sentence(*, address=True) -> str:
    """Where to ask: the center's contact details as staff keep them, never the demo's
    examples (`core.contact.printed_contact`). Without `address` (already said), only the
    phone number, or "" when there is none."""
    contact = printed_contact()
    values = {"center": site_name(), "address": contact.get("address") or ""}
    if not address or not values["address"]:
        if not contact.get("phone"):
            return ""
        return _("For details please call %(center)s, phone %(phone)s.") % {
            "center": site_name(),
            "phone": contact["phone"],
        }
    if contact.get("phone"):
        values["phone"] = contact["phone"]
        return (
            _(
                "For details please contact %(center)s, %(address)s, phone %(phone)s, or see the "
                "center's website."
            )
            % values
        )
    return (
        _("For details please contact %(center)s, %(address)s, or see the center's website.")
        % values
    )


def reading_minutes(paragraphs: list[str]) -> int:
    """About how many minutes it takes to read `paragraphs` aloud (at least one)."""
    words = sum(len(p.split()) for p in paragraphs)
    return max(1, round(words / WORDS_PER_MINUTE))


def plain_text_response(title: str, paragraphs: list[str], filename: str) -> HttpResponse:
    """The script as a UTF-8 .txt download.

    With a byte-order mark and Windows line ends: the commune office's computer opens it in
    Notepad or Word, which without the mark may take Vietnamese for the local code page.
    """
    text = "\r\n\r\n".join([title.upper(), *paragraphs]) + "\r\n"
    response = HttpResponse(
        ("\ufeff" + text).encode("utf-8"), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
