import pytest
from django.contrib.auth.models import Group

from core.search import clean_query, excerpt, filter_words, highlight, score, search_words


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
