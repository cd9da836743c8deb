"""Accent-insensitive search shared by every app, on PostgreSQL's full-text search
(`django.contrib.postgres`).

Each searchable model (`core.models.SearchableModel`) stores, filled on save, its title folded
(see `core.text.fold`) in `search_title` and its title, summary and body folded in
`search_text`; PostgreSQL keeps `search_vector` in step with them, a generated column declared
on the model (`search_vector_field`): the folded title with weight A, the title as written with
weight B (for exact-accent matches) and the folded text with weight C, punctuation turned into
spaces first so that "2015-2016" gives 2015 and 2016. Its GIN index, and a trigram index on
`search_text` for the admin's searches, are in each model's `Meta.indexes` (`search_indexes`).
A query is folded the same way and split into words.

The rule, in the order it is applied (README, "Search", says the same to readers):

1. **Match**: every word of the query must appear, as a whole word or the start of one
   ("nôn" finds "nông", "ong" does not), in the title or the text.
2. **Score** (`_scored`, ORM expressions): for each word, 100 when it is a whole word of the
   title, 40 when it starts one; 10 when it is a whole word of the text, 4 when it starts one;
   20 more when the title has it with the accents as typed. The whole phrase, words in order,
   earns 200 in the title or 20 in the text. A perfect match for "học tập cộng đồng" scores
   4 × 110 + 4 × 20 + 200 = 720; an article with only "tập" in its title and the phrase in its
   text, 180.
3. **Cut**: when more results match than one page holds (`CUT_ABOVE`), those scoring under
   two fifths of the best (`CUT_SHARE`) are left out, across news, classes and documents: for
   "hoc tap cong dong", the article about the learning center stays and the fifty classes
   that only name "Trung tâm học tập cộng đồng" in their description go. A list that fits
   on one page is shown whole. The page says how many were left out and links to all of them
   (`cut=False`).
4. **Order**: by score, then newest first.
5. **Count**: how many are shown, and of those how many have every word in the title
   (`SearchResults.in_title`).

The database does all the work (`rank`): one query per page matches, scores, cuts, counts and
orders the rows of every app together — each app's queryset scored by the ORM, put together
with UNION ALL, under window functions — and returns only keys; the rows of the page shown
are then read by primary key, one query per kind of result on the page (`hits`).

Each app offers its public rows as a `SearchSource` (`<app>.selectors.search_source()`); the
top-floor view ranks them together with `rank` and makes the page with `hits`.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    Expression,
    F,
    Func,
    GeneratedField,
    IntegerField,
    Model,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.html import plain_text
from core.text import fold

# PostgreSQL's text search configuration: words as they are, no stemming or stop words (there
# is none for Vietnamese, whose syllables are words already).
CONFIG = "simple"
MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
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


def _words_of(column):
    """The column with punctuation turned into spaces, as `search_words` splits a query: the
    parser would otherwise read "2015-2016" as 2015 and -2016, and "05/2016" as one word."""
    return Func(
        F(column),
        Value("[[:punct:]]+"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def search_vector_field():
    """`search_vector`, generated by PostgreSQL from the row's own columns (so it is never out
    of step, whatever writes the row): folded title (A), title as written (B), folded text
    (C)."""
    return GeneratedField(
        expression=(
            SearchVector(_words_of("search_title"), config=CONFIG, weight="A")
            + SearchVector(_words_of("title"), config=CONFIG, weight="B")
            + SearchVector(_words_of("search_text"), config=CONFIG, weight="C")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


def search_indexes(prefix):
    """The indexes a searchable model's Meta lists: GIN on the center and `search_vector` (the
    site search: a center's matches only, not every center's — btree_gin, core migration
    0010) and a trigram GIN on `search_text` (the admin's folded `icontains`). `prefix` keeps
    the names unique and under PostgreSQL's identifier limit (Django allows 30 characters)."""
    return [
        GinIndex(fields=["center", "search_vector"], name=f"{prefix}_center_search"),
        trigram_index(prefix),
    ]


def trigram_index(prefix):
    """A trigram GIN index on `search_text`: the admin's folded searches (`icontains`) use it
    instead of reading every row."""
    return GinIndex(OpClass(F("search_text"), name="gin_trgm_ops"), name=f"{prefix}_search_trgm")


def _tsquery(words, weights="", prefix=False, joiner=" & "):
    """A raw tsquery of folded words: `'lop':*A & 'hoc':*A`. Words come from `\\w` runs (see
    `search_words`) and carry no quote; the query travels as a parameter."""
    mark = ("*" if prefix else "") + weights
    return joiner.join(f"'{w}':{mark}" if mark else f"'{w}'" for w in words)


class _Matches(Func):
    """`search_vector @@ 'query'::tsquery`: the row matches a raw tsquery (the GIN index serves
    it). Lighter than `SearchQuery` under a lookup, which a page's ranking builds about a hundred
    of: the query is already written in tsquery syntax, so no configuration is needed."""

    arg_joiner = " @@ "
    template = "(%(expressions)s::tsquery)"
    output_field = BooleanField()
    conditional = True

    def __init__(self, tsquery):
        super().__init__(F("search_vector"), Value(tsquery))


class _Points(Expression):
    """Points for how a row's `search_vector` matches: a sum of terms, each term a list of
    (raw tsquery, points) tried in order with a default — `(CASE WHEN v @@ q1 THEN p1 WHEN
    v @@ q2 THEN p2 ELSE d END) + …`. One expression for the whole sum: built from a Case and
    When per branch, a page's ranking made about a hundred nested objects that Django resolved
    one by one, twice the time of the query itself. The queries travel as parameters."""

    output_field = IntegerField()

    def __init__(self, *terms):
        super().__init__()
        self.vector = F("search_vector")
        self.terms = terms  # ([(tsquery, points), ...], default), ...

    def get_source_expressions(self):
        return [self.vector]

    def set_source_expressions(self, exprs):
        (self.vector,) = exprs

    def as_sql(self, compiler, connection):
        vector, vector_params = compiler.compile(self.vector)
        parts, params = [], []
        for branches, otherwise in self.terms:
            whens = " ".join(
                f"WHEN {vector} @@ %s::tsquery THEN {int(points)}" for _tsq, points in branches
            )
            parts.append(f"(CASE {whens} ELSE {int(otherwise)} END)")
            for tsquery, _points in branches:
                params += [*vector_params, tsquery]
        return "(" + " + ".join(parts) + ")", params


def _scored(queryset, words, query):
    """`queryset` narrowed to the rows that match every word (rule 1), each with its
    `search_score` (rule 2) and `search_in_title` (rule 5: every word in the title)."""
    terms = []
    for word in words:
        # In the title: a whole word, else the start of one ("xa" in "xây").
        terms.append(([(_tsquery([word], "A"), 100), (_tsquery([word], "A", prefix=True), 40)], 0))
        # Anywhere: a whole word, else (it matched) the start of one.
        terms.append(([(_tsquery([word]), 10)], 4))
    for word in _exact_words(query):
        terms.append(([(_tsquery([word], "B"), 20)], 0))  # the title, accents as typed
    if len(words) > 1:
        phrase = [
            (_tsquery(words, "A", joiner=" <-> "), 200),
            (_tsquery(words, joiner=" <-> "), 20),
        ]
        terms.append((phrase, 0))
    in_title = _Points(([(_tsquery(words, "A", prefix=True), 1)], 0))
    return queryset.filter(_Matches(_tsquery(words, prefix=True))).annotate(
        search_score=_Points(*terms), search_in_title=in_title
    )


def rank(sources, words, query, limit, *, cut=True) -> SearchResults:
    """The best `limit` results of every `SearchSource` together, by the rules above (the
    cut only with `cut`), as keys; `hits` reads the rows of the ones shown."""
    if not words or limit < 1:
        return SearchResults(keys=[])
    # One query: each source's matches scored (`_scored`) and put together with UNION ALL;
    # over them, window functions find the best score and count what matches, what the cut
    # keeps and what has every word in the title; only the keys of the best `limit` leave.
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
                   count(*) FILTER (WHERE in_title = 1) OVER () AS titled
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
