"""Accent-insensitive search shared by every app.

Each searchable model stores, filled on save, its title folded (see `core.text.fold`) in
`search_title` and its title, summary and body folded in `search_text`. A query is folded the
same way and split into words.

The rule, in the order it is applied (README, "Search", says the same to readers):

1. **Match**: every word of the query must appear, as a whole word or the start of one
   ("nôn" finds "nông", "ong" does not), in the title or the text.
2. **Score** (`score`, and the same in SQL): for each word, 100 when it is a whole word of
   the title, 40 when it starts one; 10 when it is a whole word of the text, 4 when it starts
   one; 20 more when the title has it with the accents as typed. The whole phrase, words in
   order, earns 200 in the title or 20 in the text. A perfect match for "học tập cộng đồng"
   scores 4 × 110 + 4 × 20 + 200 = 720; an article with only "tập" in its title and the
   phrase in its text, 180.
3. **Cut**: when more results match than one page holds (`CUT_ABOVE`), those scoring under
   two fifths of the best (`CUT_SHARE`) are left out, across news, classes and documents: for
   "hoc tap cong dong", the article about the learning center stays and the fifty classes
   that only name "Trung tâm học tập cộng đồng" in their description go. A list that fits
   on one page is shown whole. The page says how many were left out and links to all of them
   (`cut=False`).
4. **Order**: by score, then newest first.
5. **Count**: how many are shown, and of those how many have every word in the title
   (`SearchResults.in_title`).

On PostgreSQL the database does all the work (`rank`): a generated `search_vector` column
(`search_vector_column`, GIN-indexed) holds the folded title (weight A), the title as written
(B, for exact-accent matches) and the folded text (C). One query per page matches, scores,
cuts, counts and orders the rows of every app together (a UNION ALL under window
functions) and returns only keys; the rows of the page shown are then read by primary key, one
query per kind of result on the page (`hits`). Elsewhere (SQLite, for a zero-setup local run)
the same rules run in Python over the rows that match (`score`).

Each app offers its public rows as a `SearchSource` (`<app>.selectors.search_source()`); the
top-floor view ranks them together with `rank` and makes the page with `hits`. `ranked` ranks
one queryset alone.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache, reduce
from operator import and_, or_

from django.conf import settings
from django.db import connection, migrations
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    F,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, StrIndex
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.html import plain_text
from core.text import fold

MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
# How many candidates one app hands to the ranking in Python; more than anyone pages through.
MAX_CANDIDATES = 60
# The cut (rule 3 above): when more than CUT_ABOVE results match, those scoring under
# CUT_SHARE of the best are left out. Two fifths keeps a title with half the words of a
# four-word query and drops one with a single word of it, or with the words only in its text.
CUT_ABOVE = 10
CUT_SHARE = Fraction(2, 5)


@dataclass(frozen=True)
class SearchHit:
    """One result, whatever app it comes from."""

    kind: str  # translated label shown above the title ("Tin tức", "Lớp học", ...)
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    score: int = 0


@dataclass(frozen=True)
class SearchSource:
    """What an app lets the site search find: its public rows (their `only()` and
    `select_related()` serve `hit`), the date field that puts equal scores newest first, and
    how one row reads as a result (`hit(row)`, without its score)."""

    queryset: QuerySet
    date_field: str
    hit: Callable[[Model], SearchHit]


@dataclass(frozen=True)
class SearchKey:
    """One ranked result before its row is read: which source, which row, its score."""

    source: int
    pk: int
    score: int


@dataclass
class SearchResults:
    keys: list  # [SearchKey], the best first, at most the limit asked for
    total: int = 0  # results kept (after the cut)
    in_title: int = 0  # of `total`, those with every word in the title
    matched: int = 0  # results matching before the cut

    @property
    def left_out(self):
        return self.matched - self.total


def clean_query(raw: str) -> str:
    """The query as typed, NFC-normalized, without control characters, bounded in length."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


_WORD = re.compile(r"[^\W_]+")


def search_words(query: str) -> list[str]:
    """Folded, de-duplicated words of a query: "Tiên  TÂN tien" → ["tien", "tan"]."""
    words = []
    for word in _WORD.findall(fold(query)):
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


def best_candidates(queryset, words, field="search_text", limit=MAX_CANDIDATES):
    """The rows that match every word, those matching nearest the start of their folded text
    first, at most `limit`. The folded text starts with the title, so this cheap
    ordering in the database puts title matches first; `score` then ranks them exactly."""
    position = sum(
        (Case(When(**{f"{field}__contains": w}, then=StrIndex(field, Value(w)))) for w in words),
        Value(0),
    )
    return (
        filter_words(queryset, words, (field,))
        .annotate(search_position=position)
        .order_by("search_position", "-pk")[:limit]
    )


def ranked(queryset, words, query, limit, newest="-pk"):
    """The rows of `queryset` matching every word, best first (ties: `newest` first), at most
    `limit` of them, and how many match in all. Each row has its `search_score`.

    The model needs `title`, `search_title` and `search_text`, and on PostgreSQL the
    `search_vector` column (`search_vector_column`).
    """
    if not words or limit < 1:
        return [], 0
    if connection.vendor == "postgresql":
        return _ranked_in_database(queryset, words, query, limit, newest)
    return _ranked_in_python(queryset, words, query, limit, newest)


def _tsquery_literal(word, weights="", prefix=False):
    """`'word':*AB` — a tsquery lexeme. Words come from `\\w` runs and carry no quote."""
    return f"'{word}':{'*' if prefix else ''}{weights}" if (prefix or weights) else f"'{word}'"


def _scored(queryset, words, query):
    """`queryset` narrowed to the rows that match every word, each with its `search_score`
    and `search_in_title` (every word in the title), computed in SQL (rules 1, 2, 5)."""
    vector = f'"{queryset.model._meta.db_table}"."search_vector"'
    # Matching goes through the same parser as the stored text, and uses the GIN index.
    # (SQL built from constants and the table name; the words travel as parameters.)
    match = RawSQL(  # noqa: S611
        f"{vector} @@ to_tsquery('simple', %s)",
        [" & ".join(_tsquery_literal(w, prefix=True) for w in words)],
        output_field=BooleanField(),
    )
    in_title = RawSQL(  # noqa: S611
        f"{vector} @@ to_tsquery('simple', %s)",
        [" & ".join(_tsquery_literal(w, "A", prefix=True) for w in words)],
        output_field=BooleanField(),
    )
    cases, params = [], []

    def case(*branches, otherwise=0):
        whens = " ".join(f"WHEN {vector} @@ %s::tsquery THEN {points}" for _, points in branches)
        cases.append(f"(CASE {whens} ELSE {otherwise} END)")
        params.extend(tsquery for tsquery, _ in branches)

    for word in words:
        # In the title: a whole word, else the start of one ("xa" in "xây").
        case((_tsquery_literal(word, "A"), 100), (_tsquery_literal(word, "A", prefix=True), 40))
        # Anywhere: a whole word, else (it matched) the start of one.
        case((_tsquery_literal(word), 10), otherwise=4)
    for word in _exact_words(query):
        case((_tsquery_literal(word, "B"), 20))  # the title, accents as typed
    if len(words) > 1:
        case(
            (" <-> ".join(_tsquery_literal(w, "A") for w in words), 200),
            (" <-> ".join(_tsquery_literal(w) for w in words), 20),
        )
    score_sql = RawSQL(" + ".join(cases), params, output_field=IntegerField())  # noqa: S611
    return queryset.filter(match).annotate(search_score=score_sql, search_in_title=in_title)


def _ranked_in_database(queryset, words, query, limit, newest):
    rows = list(
        _scored(queryset, words, query)
        .annotate(search_total=RawSQL("count(*) OVER ()", []))
        .order_by("-search_score", newest, "-pk")[:limit]
    )
    return rows, rows[0].search_total if rows else 0


def _ranked_in_python(queryset, words, query, limit, newest):
    # All fields: the caller's only() is cut for the database path, which needs no text.
    candidates = list(
        best_candidates(queryset.defer(None), words, limit=max(limit, MAX_CANDIDATES))
    )
    for row in candidates:
        row.search_score = score(row.title, "", query, words, row.search_text)
    # Stable sorts: newest first, then best first.
    field = newest.lstrip("-")
    candidates.sort(key=lambda row: getattr(row, field), reverse=newest.startswith("-"))
    candidates.sort(key=lambda row: row.search_score, reverse=True)
    return candidates[:limit], filter_words(queryset, words).count()


def rank(sources, words, query, limit, *, cut=True) -> SearchResults:
    """The best `limit` results of every `SearchSource` together, by the rules above (the
    cut only with `cut`), as keys; `hits` reads the rows of the ones shown."""
    if not words or limit < 1:
        return SearchResults(keys=[])
    if connection.vendor == "postgresql":
        return _rank_in_database(sources, words, query, limit, cut)
    return _rank_in_python(sources, words, query, limit, cut)


def _rank_in_database(sources, words, query, limit, cut):
    """One query: each source's matches scored (`_scored`) and put together with UNION ALL;
    over them, window functions find the best score and count what matches, what the cut
    keeps and what has every word in the title; only the keys of the best `limit` leave."""
    parts = [
        _scored(source.queryset.order_by(), words, query)
        .annotate(
            search_source=Value(i, output_field=IntegerField()),
            search_pk=F("pk"),
            search_date=Cast(source.date_field, DateTimeField()),
        )
        .values_list("search_source", "search_pk", "search_score", "search_in_title", "search_date")
        for i, source in enumerate(sources)
    ]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    union_sql, params = union.query.sql_with_params()
    # The rows named by position: UNION takes its column names from its first part.
    sql = f"""
        SELECT src, pk, score, kept, titled, matched FROM (
            SELECT m.*, count(*) OVER () AS kept,
                   count(*) FILTER (WHERE in_title) OVER () AS titled
            FROM (
                SELECT u.*, max(score) OVER () AS best, count(*) OVER () AS matched
                FROM ({union_sql}) AS u (src, pk, score, in_title, day)
            ) AS m
            WHERE NOT %s OR matched <= %s OR score * %s >= best * %s
        ) AS k
        ORDER BY score DESC, day DESC, src, pk DESC
        LIMIT %s
    """  # noqa: S608 - the union is the ORM's SQL; every value travels as a parameter
    with connection.cursor() as cursor:
        share = (CUT_SHARE.denominator, CUT_SHARE.numerator)
        cursor.execute(sql, [*params, cut, CUT_ABOVE, *share, limit])
        rows = cursor.fetchall()
    if not rows:
        return SearchResults(keys=[])
    _src, _pk, _score, kept, titled, matched = rows[0]
    return SearchResults(
        keys=[SearchKey(src, pk, score) for src, pk, score, *_counts in rows],
        total=kept,
        in_title=titled,
        matched=matched,
    )


def _rank_in_python(sources, words, query, limit, cut):
    """The same rules over the matching rows, scored in Python (SQLite, a local run)."""
    found = []  # (score, in_title, date, source, pk)
    for i, source in enumerate(sources):
        rows = filter_words(source.queryset.select_related(None), words).only(
            "title", "search_title", "search_text", source.date_field
        )
        for row in rows:
            if not starts_words(row.search_text, words):  # LIKE also finds "ong" in "nong"
                continue
            found.append(
                (
                    score(row.title, "", query, words, row.search_text),
                    starts_words(row.search_title, words),
                    _comparable(getattr(row, source.date_field)),
                    i,
                    row.pk,
                )
            )
    best = max((points for points, *_rest in found), default=0)
    kept = [
        row for row in found if not cut or len(found) <= CUT_ABOVE or row[0] >= best * CUT_SHARE
    ]
    # Stable sorts: source and pk, newest first, then best first (the database's order).
    kept.sort(key=lambda row: (row[3], -row[4]))
    kept.sort(key=lambda row: row[2], reverse=True)
    kept.sort(key=lambda row: row[0], reverse=True)
    return SearchResults(
        keys=[SearchKey(src, pk, points) for points, _t, _d, src, pk in kept[:limit]],
        total=len(kept),
        in_title=sum(1 for row in kept if row[1]),
        matched=len(found),
    )


def _comparable(value):
    """A date or datetime as an aware datetime, so classes and articles sort together."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def starts_words(folded, words):
    """Whether every word is a word, or the start of one, of the folded text (rule 1; on the
    title, rule 5's count)."""
    return all(re.search(rf"(?<!\w){re.escape(word)}", folded) for word in words)


def hits(sources, keys) -> list[SearchHit]:
    """The results for `keys` (from `rank`), in their order: the rows of each source read
    by primary key, one query per source that has a key."""
    wanted = {}
    for key in keys:
        wanted.setdefault(key.source, []).append(key.pk)
    rows = {
        (i, row.pk): row
        for i, pks in wanted.items()
        for row in sources[i].queryset.filter(pk__in=pks)
    }
    return [
        replace(sources[key.source].hit(rows[key.source, key.pk]), score=key.score)
        for key in keys
        if (key.source, key.pk) in rows  # (unpublished between the two queries)
    ]


def find(sources, words, query, limit, *, cut=True):
    """(the best `limit` hits, how many are kept): `rank` and `hits` in one call."""
    results = rank(sources, words, query, limit, cut=cut)
    return hits(sources, results.keys), results.total


def _exact_words(query):
    """The words of the query as typed (accents kept), lower case, for the exact-accent bonus."""
    words = []
    for word in _WORD.findall(unicodedata.normalize("NFC", query).casefold()):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def score(title: str, text: str, query: str, words: list[str], folded_text=None) -> int:
    """Rank: title matches first, exact-accent matches above folded ones, whole phrase bonus.

    `folded_text` is the row's stored `search_text`, when the caller has it: folding long
    bodies again for every candidate is most of a search's time.
    """
    folded_title = fold(title)
    folded_text = fold(text) if folded_text is None else folded_text
    exact_title = unicodedata.normalize("NFC", title).casefold()
    exact_text = unicodedata.normalize("NFC", text).casefold()
    exact_words = _exact_words(query)
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
    return fold(" ".join(plain_text(part) for part in parts))


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
    text = plain_text(text)
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


def search_vector_column(table: str):
    """A migration operation adding `search_vector` on PostgreSQL: a tsvector the database
    keeps in step with `search_title` (weight A), `title` as written (B) and `search_text` (C),
    with a GIN index. (Other databases search with LIKE; see `ranked`.)"""
    index = f"{table}_search_vector"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        # Punctuation becomes a space first, as in `search_words`: the parser would otherwise
        # read "2015-2016" as 2015 and -2016, and "05/2016" as one word.
        parts = [("search_title", "A"), ("title", "B"), ("search_text", "C")]
        vector = " || ".join(
            "setweight(to_tsvector('simple'::regconfig, "
            f"regexp_replace({column}, '[[:punct:]]+', ' ', 'g')), '{weight}')"
            for column, weight in parts
        )
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS search_vector tsvector '
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin (search_vector)'
        )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS search_vector')

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_backfill(app_label: str, model_name: str, parts):
    """A migration operation filling `search_title` and re-making `search_text` for the rows
    saved before: `parts(row)` gives the texts the model's save() folds (title first). Older
    text was stripped of tags without a space between paragraphs ("học</p><p>Lớp" became
    "hoclop"), which whole-word matching would miss."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.all())
        # Labels of choices in the site's language, as save() writes them from the admin.
        with translation.override(settings.LANGUAGE_CODE):
            for row in rows:
                row.search_title = fold(row.title)
                row.search_text = searchable_text(*parts(row))
        model.objects.bulk_update(rows, ["search_title", "search_text"], batch_size=500)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
