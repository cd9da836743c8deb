"""The rules of docs/translation-style.md that a machine can check, in one place.

`make check-messages` and `tests/core/test_wording.py` run them over:

- the catalogues as Django resolves them at run time (`catalogue_problems`): the project's
  compiled `locale/vi` over Django's and other packages' own, for the server (`django`) and
  for the admin's scripts (`djangojs`). A wrong form in Django's own Vietnamese counts too:
  staff read it all the same, and the fix is an override in our catalogue;
- Vietnamese written in the source (`source_problems`): templates, Python (demo content,
  loaders, examples in help texts), scripts, styles and the Markdown docs. Tests, migrations
  (history) and vendored files are left out; in Markdown, a wrong form a text must show (the
  style note's table) is written struck through, `~~like this~~`, and not counted.

Each rule says what is wrong and where docs/translation-style.md explains it.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLE_NOTE = "docs/translation-style.md"
OVERRIDING = f"{STYLE_NOTE}#adding-and-overriding-strings"

# The five tone marks, as combining characters (NFD).
_TONES = "\u0300\u0301\u0309\u0303\u0323"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    advice: str
    section: str


def _vowel(base):
    """A character class of `base` (a, e, y…) carrying one of the tone marks, both cases."""
    marked = [unicodedata.normalize("NFC", b + t) for b in (base, base.upper()) for t in _TONES]
    return "[" + "".join(marked) + "]"


# A one-letter class ("b[ạ]n") keeps this file from matching its own rules.
RULES = (
    Rule(
        "pronoun",
        # The pronoun, not the noun of "bạn bè" (friends) or "bạn đời" (spouse).
        re.compile(r"\bb[ạ]n\b(?!\s+(?:bè|đời)\b)", re.IGNORECASE),
        "the public site says “bà con” to villagers; staff pages and the admin use no pronoun "
        "(or “cán bộ”)",
        "voice",
    ),
    Rule(
        "tone",
        # oa, oe, uy closing a syllable carry the tone on their first vowel (hóa, khỏe, thủy);
        # not after q, where u belongs to the consonant (quý), nor before a final (hoàn, thuyền).
        re.compile(f"(?<![qQ])(?:[oO]{_vowel('a')}|[oO]{_vowel('e')}|[uU]{_vowel('y')})(?!\\w)"),
        "the tone goes on the first vowel of oa, oe, uy at the end of a word",
        "spelling",
    ),
    Rule(
        "weekday",
        re.compile(
            r"\bThứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])\b"
            r"|\bthứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)\b"
            r"|\b(?:Chủ[ ]Nhật|chủ[ ]nhật)\b"
        ),
        "weekdays are written “Thứ Hai” … “Thứ Bảy” and “Chủ nhật”",
        "dates-and-numbers",
    ),
    Rule(
        "class-twice",
        # Within a sentence (spaces), not across the cells of a table ("Số lớp", "Lớp …").
        re.compile(r"\b[Ll]ớp[ \u00a0]+[“\"]?Lớp\b"),
        "a class whose title starts with “Lớp” is named once: use core.text.class_named",
        "class-titles",
    ),
    Rule(
        "calque",
        re.compile(
            r"[đ]iều gì xảy ra tiếp theo|thực hiện[ ]hoạt động|trang web [a]dmin|[a]dmin Django"
            r"|^Thêm[ ]vào(?:\s+%\(\w+\)s)?$",
            re.IGNORECASE,
        ),
        "word-for-word translation; write what a Vietnamese speaker would say",
        "admin",
    ),
)


def _fixed(word):
    """The word with each oa/oe/uy tone moved to the first vowel: a hint in the message."""
    out = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONES and len(out) > 1 and out[-1].lower() in "aey":
            out.insert(len(out) - 1, char)
        else:
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def problems(text):
    """[(rule, what matched)] for one text, NFC-normalized first; a misplaced tone is
    reported with its whole word, not only the two vowels."""
    text = unicodedata.normalize("NFC", str(text))
    found = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            start = match.start()
            if rule.name == "tone":
                while start and text[start - 1].isalpha():
                    start -= 1
            found.append((rule, text[start : match.end()]))
    return found


def describe(rule, found):
    hint = f" (write “{_fixed(found)}”)" if rule.name == "tone" else ""
    return f"“{found}”{hint}: {rule.advice} — {STYLE_NOTE}#{rule.section}"


# --- the catalogues as Django resolves them -------------------------------------------------


def _runtime_catalogues():
    """{domain: (translation, our catalogue's msgids)} for Vietnamese."""
    import django.contrib.admin
    import polib
    from django.utils.translation.trans_real import DjangoTranslation

    admin_locale = str(Path(django.contrib.admin.__file__).parent / "locale")
    found = {}
    for domain, localedirs in (("django", None), ("djangojs", [admin_locale])):
        ours = ROOT / "locale/vi/LC_MESSAGES" / f"{domain}.po"
        ids = {e.msgid for e in polib.pofile(str(ours))} if ours.exists() else set()
        found[domain] = (DjangoTranslation("vi", domain=domain, localedirs=localedirs), ids)
    return found


def _stale_compiled():
    stale = []
    for po in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(
                f"{po.relative_to(ROOT)} is not compiled, or changed since: run "
                "`make compilemessages` (make test does) and check again"
            )
    return stale


def catalogue_problems():
    """Every wrong form a Vietnamese reader meets in a translated message, ours or Django's."""
    found = _stale_compiled()
    for domain, (translation, ours) in _runtime_catalogues().items():
        catalog = translation._catalog  # what gettext reads; Django's own JS catalogue uses it
        for key in sorted(set(catalog.keys()), key=str):
            msgid = key[0] if isinstance(key, tuple) else key
            msgid = msgid.split("\x04", 1)[-1]  # drop a message context
            where = (
                f"locale/vi/LC_MESSAGES/{domain}.po"
                if msgid in ours
                else f"Django's own {domain} catalogue (override it: {OVERRIDING})"
            )
            for rule, text in problems(catalog[key]):
                found.append(f"{where}: {msgid[:70]!r}: {describe(rule, text)}")
    return found


# --- Vietnamese written in the source ---------------------------------------------------------

SOURCE_SUFFIXES = {".py", ".html", ".txt", ".md", ".js", ".css"}
SKIPPED_DIRS = {
    ".git", ".venv", "node_modules", "tests", "migrations", "locale", "vendor", "var", "media",
    "staticfiles", "artifacts", ".pytest_cache", ".ruff_cache", "__pycache__", ".lighthouse",
}  # fmt: skip
STRUCK_THROUGH = re.compile(r"~~.+?~~")


def source_files(root=ROOT):
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if (
            path.suffix in SOURCE_SUFFIXES
            and path.is_file()
            and not SKIPPED_DIRS.intersection(relative.parts[:-1])
        ):
            yield path


def source_problems(root=ROOT):
    found = []
    for path in source_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if path.suffix == ".md":
                line = STRUCK_THROUGH.sub("", line)
            for rule, found_text in problems(line):
                found.append(f"{path.relative_to(root)}:{number}: {describe(rule, found_text)}")
    return found
