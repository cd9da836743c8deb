"""Accent-insensitive search shared by every app.

Each searchable model stores its title, summary and body folded (see `core.text.fold`) in a
`search_text` column, title first, filled on save. A query is folded the same way and split
into words; every word must appear (AND). On PostgreSQL a trigram GIN index on that column
serves the `LIKE '%word%'` lookups (`trigram_index`); SQLite scans, which is fine at a commune's
scale. `best_candidates` orders matches in the database by how early the words appear (so
title matches come first) and keeps MAX_CANDIDATES; `score` then ranks those in Python: title
matches above body matches, exact-accent matches above folded ones.

The top-floor search view asks each app for its hits (`<app>.selectors.search(words, query)`),
merges them by score and paginates.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import and_, or_

from django.db import migrations
from django.db.models import Case, Q, Value, When
from django.db.models.functions import StrIndex
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from core.text import fold

MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
# How many candidates one app hands to the ranking in Python; more than anyone pages through.
MAX_CANDIDATES = 60


@dataclass(frozen=True)
class SearchHit:
    """One result, whatever app it comes from."""

    kind: str  # translated label shown above the title ("Tin tức", "Lớp học", ...)
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    score: int = 0


def clean_query(raw: str) -> str:
    """The query as typed, NFC-normalized, without control characters, bounded in length."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


def search_words(query: str) -> list[str]:
    """Folded, de-duplicated words of a query: "Tiên  TÂN tien" → ["tien", "tan"]."""
    words = []
    for word in re.findall(r"\w+", fold(query)):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def filter_words(queryset, words, fields=("search_text",)):
    """Rows whose folded fields contain every word (each word in any of the fields)."""
    if not words:
        return queryset.none()
    per_word = [
        reduce(or_, (Q(**{f"{name}__contains": word}) for name in fields)) for word in words
    ]
    return queryset.filter(reduce(and_, per_word))


def best_candidates(queryset, words, field="search_text"):
    """The rows that match every word, those matching nearest the start of their folded text
    first, at most MAX_CANDIDATES. The folded text starts with the title, so this cheap
    ordering in the database puts title matches first; `score` then ranks them exactly."""
    position = sum(
        (Case(When(**{f"{field}__contains": w}, then=StrIndex(field, Value(w)))) for w in words),
        Value(0),
    )
    return (
        filter_words(queryset, words, (field,))
        .annotate(search_position=position)
        .order_by("search_position", "-pk")[:MAX_CANDIDATES]
    )


def score(title: str, text: str, query: str, words: list[str], folded_text=None) -> int:
    """Rank: title matches first, exact-accent matches above folded ones, whole phrase bonus.

    `folded_text` is the row's stored `search_text`, when the caller has it: folding long
    bodies again for every candidate is most of a search's time.
    """
    folded_title = fold(title)
    folded_text = fold(text) if folded_text is None else folded_text
    exact_title = unicodedata.normalize("NFC", title).casefold()
    exact_text = unicodedata.normalize("NFC", text).casefold()
    exact_words = re.findall(r"\w+", query.casefold())
    points = 0
    for word in words:
        whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        if whole.search(folded_title):
            points += 100
        elif word in folded_title:
            points += 40  # inside a longer word: "xa" in "xay"
        if whole.search(folded_text):
            points += 10
        elif word in folded_text:
            points += 4
    for word in exact_words:
        if word in exact_title:
            points += 20
        if word in exact_text:
            points += 2
    phrase = " ".join(words)
    if len(words) > 1 and phrase in folded_title:
        points += 200
    elif len(words) > 1 and phrase in folded_text:
        points += 20
    return points


def searchable_text(*parts: str) -> str:
    """Folded text of titles, summaries and (HTML) bodies, for the `search_text` column."""
    return fold(" ".join(strip_tags(part or "") for part in parts))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch) or ch


def _fold_per_char(text: str) -> str:
    """Fold keeping one character per character, so positions match the original."""
    return "".join(map(_fold_char, text)).lower()


def highlight(text: str, words: list[str]) -> SafeString:
    """Escape `text` and wrap each matched word in <mark>, ignoring accents and case.

    Folding keeps one character per character for Vietnamese (marks are dropped, "đ" stays one
    letter), so positions found in the folded text are positions in the original.
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = _fold_per_char(text)
    if len(folded) != len(text) or not words:
        return escape(text)
    spans = []
    for word in words:
        # Whole words only: "xa" marks "xã", not the start of "xây".
        pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def excerpt(text: str, words: list[str], length: int = 220) -> str:
    """A window of plain `text` around the first matched word."""
    text = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    folded = _fold_per_char(text)
    first = min((folded.find(w) for w in words if w in folded), default=0)
    if len(folded) != len(text):
        first = 0
    start = max(0, first - length // 3)
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def trigram_index(model_name: str, table: str, column: str = "search_text"):
    """A migration operation adding a trigram GIN index on PostgreSQL (none on SQLite)."""
    index = f"{table}_{column}_trgm"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')

    return migrations.RunPython(forwards, backwards, elidable=False)
