import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.html import plain_text
from core.search import (
    _ranked_in_database,
    _ranked_in_python,
    clean_query,
    excerpt,
    filter_words,
    highlight,
    score,
    search_words,
)
from news.models import Article
from tests.news.factories import ArticleFactory


def test_query_is_folded_into_unique_words():
    assert search_words("Tiên  TÂN tien") == ["tien", "tan"]
    assert search_words("xã hội học tập") == ["xa", "hoi", "hoc", "tap"]
    assert search_words("") == []


def test_control_and_bidi_characters_are_removed_from_the_query():
    assert clean_query("tiên\u202etân\x00") == "tiên tân"
    assert len(clean_query("a" * 10_000)) == 200


@pytest.mark.django_db
def test_every_word_must_match():
    Group.objects.create(name="lop hoc nghe moc")
    Group.objects.create(name="lop hoc tin hoc")
    found = filter_words(Group.objects.all(), ["lop", "moc"], fields=("name",))
    assert list(found.values_list("name", flat=True)) == ["lop hoc nghe moc"]
    assert not filter_words(Group.objects.all(), [], fields=("name",)).exists()


def test_title_matches_rank_above_body_matches():
    words = search_words("tien tan")
    in_title = score("Tiên Tân đón xuân", "", "tien tan", words)
    in_body = score("Tin vắn", "Xã Tiên Tân đón xuân", "tien tan", words)
    assert in_title > in_body > 0


def test_exact_accents_rank_above_folded_matches():
    words = search_words("lúa")
    exact = score("Tập huấn trồng lúa", "", "lúa", words)
    folded = score("Thông báo lựa chọn", "", "lúa", search_words("lua"))
    assert exact > score("Tập huấn lụa", "", "lúa", words)
    assert exact > folded


def test_highlight_marks_words_whatever_their_accents_and_escapes():
    html = highlight("Xã Tiên Tân <b>", ["tien", "tan"])
    assert html == "Xã <mark>Tiên</mark> <mark>Tân</mark> &lt;b&gt;"
    assert highlight("Đào tạo", ["dao"]) == "<mark>Đào</mark> tạo"


def test_excerpt_shows_the_matched_place():
    text = "Mở đầu. " * 40 + "Lớp trồng cây cảnh có 70 học viên."
    piece = excerpt(text, ["canh"], length=80)
    assert "cây cảnh" in piece and piece.startswith("…")


def test_whole_words_rank_above_parts_of_words_and_only_they_are_marked():
    words = search_words("xa")
    assert score("Xã Tiên Tân", "", "xa", words) > score("Xây dựng", "", "xa", words)
    assert highlight("Xây dựng xã hội", words) == "Xây dựng <mark>xã</mark> hội"


def test_words_are_letters_and_digits_only():
    assert search_words("lớp_học 2015-2016") == ["lop", "hoc", "2015", "2016"]


RANKERS = [
    pytest.param(_ranked_in_database, id="postgresql"),
    pytest.param(_ranked_in_python, id="python"),
]


def titles(ranker, q, limit=20):
    rows, total = ranker(Article.objects.published(), search_words(q), q, limit, "-published_at")
    return [row.title for row in rows], total


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
@pytest.mark.parametrize("ranker", RANKERS)
def test_ranking_title_whole_words_then_parts_then_text(ranker, articles):
    articles(
        ("Tin vắn tháng chín", "Xã Tiên Tân tổ chức lớp học."),
        ("Xây dựng nông thôn mới", "Bà con góp công."),
        ("Đại hội xã Tiên Tân", "Nhiệm kỳ mới."),
    )
    assert titles(ranker, "xa") == (
        ["Đại hội xã Tiên Tân", "Xây dựng nông thôn mới", "Tin vắn tháng chín"],
        3,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("ranker", RANKERS)
def test_ranking_exact_accents_and_the_whole_phrase_earn_more(ranker, articles):
    articles(
        ("Thông báo về lụa tơ tằm", ""),
        ("Thông báo về lúa vụ Xuân", ""),
        ("Lúa giống và trồng trọt", ""),
        ("Trồng lúa năng suất cao", ""),
    )
    # Equal scores come newest first; the folded-only match last.
    assert titles(ranker, "lúa")[0] == [
        "Thông báo về lúa vụ Xuân",
        "Lúa giống và trồng trọt",
        "Trồng lúa năng suất cao",
        "Thông báo về lụa tơ tằm",
    ]
    assert titles(ranker, "trong lua")[0][0] == "Trồng lúa năng suất cao"


@pytest.mark.django_db
@pytest.mark.parametrize("ranker", RANKERS)
def test_ranking_keeps_the_best_up_to_the_limit_and_counts_them_all(ranker, articles):
    articles(*[(f"Họp xóm số {i}", "Lịch họp.") for i in range(7)], ("Họp", "Không có xóm."))
    found, total = titles(ranker, "hop xom", limit=3)
    # Newest first among equals; the one with "xóm" only in its text comes last.
    assert found == ["Họp xóm số 0", "Họp xóm số 1", "Họp xóm số 2"] and total == 8
    assert titles(ranker, "hop xom", limit=8)[0][-1] == "Họp"
    assert titles(ranker, "hop khong co gi") == ([], 0)


@pytest.mark.django_db
@pytest.mark.parametrize("ranker", RANKERS)
def test_numbers_joined_by_punctuation_are_words_of_their_own(ranker, articles):
    articles(("Biểu mẫu 05 năm học 2015-2016", "Theo Thông tư 09/2024/TT-BGDĐT."))
    assert titles(ranker, "2016") == (["Biểu mẫu 05 năm học 2015-2016"], 1)
    assert titles(ranker, "thong tu 09 2024")[1] == 1


@pytest.mark.django_db
def test_words_match_from_the_start_of_a_word():
    """The database matches prefixes: typing "nôn" finds "nông", while "ong" (inside "nông")
    finds nothing — Vietnamese syllables are typed from their start."""
    ArticleFactory(title="Hội nông dân")
    assert titles(_ranked_in_database, "nôn")[1] == 1
    assert titles(_ranked_in_database, "ong")[1] == 0


def test_plain_text_decodes_entities_and_keeps_blocks_apart():
    assert plain_text("<p>Nước &amp; <b>vệ</b> sinh</p><p>Hết&nbsp;bài</p>") == (
        "Nước & vệ sinh Hết bài"
    )
