"""Property-based tests of the text helpers every public URL and search depends on."""

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from core.search import clean_query, highlight, search_words
from core.text import fold, slugify_vi

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " -,.0123456789"), max_size=120
)
any_text = st.text(max_size=200)


@given(any_text)
@example("Trung tâm học tập cộng đồng xã Tiên Tân")
@example("\u202e\x00<script>")
def test_slugs_are_always_safe_ascii(text):
    slug = slugify_vi(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert len(slug) <= 80


@given(vietnamese_text)
def test_vietnamese_titles_never_lose_their_words_in_the_slug(text):
    words = re.findall(r"[a-z0-9]+", fold(text))
    assert slugify_vi(text, max_length=10_000) == "-".join(words)


@given(any_text)
def test_folding_is_idempotent_and_accent_free(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "đ" not in folded and "Đ" not in folded


@given(vietnamese_text)
def test_folding_ignores_case_composition_and_marks(text):
    nfd = unicodedata.normalize("NFD", text)
    assert fold(text) == fold(nfd) == fold(text.upper()) == fold(text.lower())


@given(any_text)
def test_queries_are_bounded_and_clean(text):
    query = clean_query(text)
    assert len(query) <= 200
    assert not any(unicodedata.category(ch).startswith("C") for ch in query)
    assert len(search_words(query)) <= 8


@given(any_text, st.lists(st.text(alphabet="abcdeghiklmnopqrstuvxy", min_size=1), max_size=3))
def test_highlight_never_lets_markup_through(text, words):
    html = str(highlight(text, words))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")


@given(
    # After the leading 0 a Vietnamese number starts with 2-9 (a "00" start is international).
    st.from_regex(r"[2-9][0-9]{8,9}", fullmatch=True),
    st.sampled_from(["0", "+84", "0084", "+84 "]),
    st.sampled_from(["", " ", ".", "-"]),
)
def test_phone_numbers_normalize_to_one_form(digits, prefix, separator):
    from core.cleaning import normalize_phone

    national = "0" + digits
    typed = prefix + separator.join([digits[:3], digits[3:6], digits[6:]])
    assert normalize_phone(typed) == national
    full_width = typed.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert normalize_phone(full_width) == national


@given(any_text)
def test_phone_normalizing_accepts_only_phone_numbers(text):
    from django.core.exceptions import ValidationError

    from core.cleaning import normalize_phone

    try:
        phone = normalize_phone(text)
    except ValidationError:
        return
    assert phone == "" or re.fullmatch(r"0\d{9,10}", phone)
