import datetime

import pytest
from django.utils import timezone

from core.html import plain_text
from core.search import clean_query, excerpt, highlight, search_words
from news import selectors
from tests.news.factories import ArticleFactory


def test_query_is_folded_into_unique_words():
    assert search_words("Tiên  TÂN tien") == ["tien", "tan"]
    assert search_words("xã hội học tập") == ["xa", "hoi", "hoc", "tap"]
    assert search_words("") == []


def test_control_and_bidi_characters_are_removed_from_the_query():
    assert clean_query("tiên\u202etân\x00") == "tiên tân"
    assert len(clean_query("a" * 10_000)) == 200


def test_highlight_marks_words_whatever_their_accents_and_escapes():
    html = highlight("Xã Tiên Tân <b>", ["tien", "tan"])
    assert html == "Xã <mark>Tiên</mark> <mark>Tân</mark> &lt;b&gt;"
    assert highlight("Đào tạo", ["dao"]) == "<mark>Đào</mark> tạo"


def test_excerpt_shows_the_matched_place():
    text = "Mở đầu. " * 40 + "Lớp trồng cây cảnh có 70 học viên."
    piece = excerpt(text, ["canh"], length=80)
    assert "cây cảnh" in piece and piece.startswith("…")


def test_only_whole_words_are_marked():
    words = search_words("xa")
    assert highlight("Xây dựng xã hội", words) == "Xây dựng <mark>xã</mark> hội"


def test_words_are_letters_and_digits_only():
    assert search_words("lớp_học 2015-2016") == ["lop", "hoc", "2015", "2016"]


def titles(q, limit=20):
    """What the search finds among published articles (every match, no cut), best first."""
    found, total = selectors.search(search_words(q), q, limit)
    return [hit.title for hit in found], total


@pytest.fixture
def articles():
    def make(*items):
        for i, (title, body) in enumerate(items):
            ArticleFactory(
                title=title,
                summary="",
                body=f"<p>{body}</p>",
                published_at=timezone.now() - datetime.timedelta(hours=i + 1),
            )

    return make


@pytest.mark.django_db
def test_ranking_title_whole_words_then_parts_then_text(articles):
    articles(
        ("Tin vắn tháng chín", "Xã Tiên Tân tổ chức lớp học."),
        ("Xây dựng nông thôn mới", "Bà con góp công."),
        ("Đại hội xã Tiên Tân", "Nhiệm kỳ mới."),
    )
    assert titles("xa") == (
        ["Đại hội xã Tiên Tân", "Xây dựng nông thôn mới", "Tin vắn tháng chín"],
        3,
    )


@pytest.mark.django_db
def test_ranking_exact_accents_and_the_whole_phrase_earn_more(articles):
    articles(
        ("Thông báo về lụa tơ tằm", ""),
        ("Thông báo về lúa vụ Xuân", ""),
        ("Lúa giống và trồng trọt", ""),
        ("Trồng lúa năng suất cao", ""),
    )
    # Equal scores come newest first; the folded-only match last.
    assert titles("lúa")[0] == [
        "Thông báo về lúa vụ Xuân",
        "Lúa giống và trồng trọt",
        "Trồng lúa năng suất cao",
        "Thông báo về lụa tơ tằm",
    ]
    assert titles("trong lua")[0][0] == "Trồng lúa năng suất cao"


@pytest.mark.django_db
def test_ranking_keeps_the_best_up_to_the_limit_and_counts_them_all(articles):
    articles(*[(f"Họp xóm số {i}", "Lịch họp.") for i in range(7)], ("Họp", "Không có xóm."))
    found, total = titles("hop xom", limit=3)
    # Newest first among equals; the one with "xóm" only in its text comes last.
    assert found == ["Họp xóm số 0", "Họp xóm số 1", "Họp xóm số 2"] and total == 8
    assert titles("hop xom", limit=8)[0][-1] == "Họp"
    assert titles("hop khong co gi") == ([], 0)


@pytest.mark.django_db
def test_numbers_joined_by_punctuation_are_words_of_their_own(articles):
    articles(("Biểu mẫu 05 năm học 2015-2016", "Theo Thông tư 09/2024/TT-BGDĐT."))
    assert titles("2016") == (["Biểu mẫu 05 năm học 2015-2016"], 1)
    assert titles("thong tu 09 2024")[1] == 1


@pytest.mark.django_db
def test_every_word_must_match(articles):
    articles(("Lớp học nghề mộc", ""), ("Lớp học tin học", ""))
    assert titles("lop moc") == (["Lớp học nghề mộc"], 1)
    assert titles("lop may") == ([], 0)


@pytest.mark.django_db
def test_title_matches_rank_above_text_matches(articles):
    articles(("Tin vắn", "Xã Tiên Tân đón xuân."), ("Tiên Tân đón xuân", ""))
    assert titles("tien tan")[0] == ["Tiên Tân đón xuân", "Tin vắn"]


@pytest.mark.django_db
def test_exact_accents_rank_above_folded_matches(articles):
    articles(("Tập huấn lụa", ""), ("Tập huấn trồng lúa", ""))
    assert titles("lúa")[0] == ["Tập huấn trồng lúa", "Tập huấn lụa"]
    # Typed without accents, neither is exact: the newer comes first.
    assert titles("lua")[0] == ["Tập huấn lụa", "Tập huấn trồng lúa"]


@pytest.mark.django_db
def test_words_match_from_the_start_of_a_word():
    """The database matches prefixes: typing "nôn" finds "nông", while "ong" (inside "nông")
    finds nothing — Vietnamese syllables are typed from their start."""
    ArticleFactory(title="Hội nông dân")
    assert titles("nôn")[1] == 1
    assert titles("ong")[1] == 0


def test_plain_text_decodes_entities_and_keeps_blocks_apart():
    assert plain_text("<p>Nước &amp; <b>vệ</b> sinh</p><p>Hết&nbsp;bài</p>") == (
        "Nước & vệ sinh Hết bài"
    )
