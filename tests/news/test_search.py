import datetime
import re
import unicodedata

import pytest
from django.utils import timezone

from news.models import Article
from portal import views
from tests.classes.factories import CourseFactory
from tests.core.test_text import SEED_TITLE
from tests.html_outline import outline
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def results(client, q, **params):
    response = client.get("/tim-kiem/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def seed():
    return ArticleFactory(
        title=SEED_TITLE, body="<p>Khuyến học, khuyến tài đã và đang là động lực.</p>"
    )


@pytest.mark.parametrize(
    "q", ["tien tan", "Tien Tan", "TIÊN TÂN", "tiên tân", unicodedata.normalize("NFD", "tiên tân")]
)
def test_every_spelling_finds_tien_tan(client, seed, q):
    assert seed.get_absolute_url() in results(client, q)


def test_d_matches_d_with_stroke(client, seed):
    assert seed.get_absolute_url() in results(client, "cong dong")


def test_every_word_must_match(client, seed):
    ArticleFactory(title="Xã hội hoá giáo dục", body="<p>Đóng góp của nhân dân.</p>")
    html = results(client, "xa hoi hoc tap")
    assert seed.get_absolute_url() in html
    assert "Xã hội hoá" not in html


def test_title_matches_rank_above_body_matches(client):
    in_body = ArticleFactory(title="Tin vắn tháng 9", body="<p>Lớp trồng cây cảnh khai giảng.</p>")
    in_title = ArticleFactory(title="Lớp trồng cây cảnh", body="<p>Khai giảng.</p>")
    html = results(client, "cay canh")
    assert html.index(in_title.get_absolute_url()) < html.index(in_body.get_absolute_url())


def test_exact_accents_rank_above_folded_matches(client):
    folded = ArticleFactory(title="Thông báo về lụa tơ tằm")
    exact = ArticleFactory(title="Thông báo về lúa vụ Xuân")
    html = results(client, "lúa")
    assert html.index(exact.get_absolute_url()) < html.index(folded.get_absolute_url())


def test_matches_are_highlighted(client, seed):
    assert "<mark>Tiên</mark> <mark>Tân</mark>" in results(client, "tien tan")


def test_results_paginate(client):
    for i in range(25):
        ArticleFactory(title=f"Tập huấn nông nghiệp số {i}")
    first = results(client, "tap huan")
    assert "25 kết quả" in first and first.count('class="result"') == 10
    assert results(client, "tap huan", page=3).count('class="result"') == 5
    # A page past the end shows the last one; a page that is not a number, the first.
    assert results(client, "tap huan", page=9).count('class="result"') == 5
    assert results(client, "tap huan", page="abc") == first


def test_pages_stop_at_the_last_one_offered(client, monkeypatch):
    """Results are paged up to MAX_SEARCH_PAGES; the last such page has no "Next" link that
    would lead back to itself, while the count still says how many match."""
    monkeypatch.setattr(views, "MAX_SEARCH_PAGES", 2)
    for i in range(25):
        ArticleFactory(title=f"Tập huấn nông nghiệp số {i}")
    last = results(client, "tap huan", page=2)
    assert "25 kết quả" in last and "Trang 2 / 2" in last and 'rel="next"' not in last
    shown = re.findall(r'<h2><a href="([^"]+)"', last)
    assert (
        len(shown) == 10
        and re.findall(r'<h2><a href="([^"]+)"', results(client, "tap huan", page=3)) == shown
    )


def test_pages_merge_every_app_without_repeating_or_losing_a_result(client):
    """Each app hands over only its best hits down to the page asked for; the pages, put
    together, are every match exactly once, best first."""
    titles = [f"Trồng lúa vụ xuân bài {i}" for i in range(13)]
    for i, title in enumerate(titles):
        ArticleFactory(title=title, published_at=timezone.now() - datetime.timedelta(hours=i + 1))
    courses = [CourseFactory(title=f"Lớp trồng lúa số {i}") for i in range(8)]
    seen = []
    for page in (1, 2, 3):
        html = results(client, "trong lua", page=page)
        seen += re.findall(r'<h2><a href="([^"]+)"', html)
    assert "21 kết quả" in html
    expected = [a.get_absolute_url() for a in Article.objects.all()] + [
        c.get_absolute_url() for c in courses
    ]
    assert sorted(seen) == sorted(expected)


def test_entities_in_the_text_show_as_characters(client):
    ArticleFactory(title="Vệ sinh môi trường", body="<p>Nước sạch &amp; vệ sinh.</p>")
    html = results(client, "ve sinh")
    assert "Nước sạch &amp; <mark>vệ</mark> <mark>sinh</mark>" in html
    assert "&amp;amp;" not in html


def test_an_empty_result_suggests_what_to_try(client, seed):
    html = results(client, "khong co gi ca")
    assert "Không tìm thấy kết quả" in html and "tien tan" in html


def test_unpublished_articles_are_not_found(client):
    ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT)
    assert "Bản nháp bí mật" not in results(client, "ban nhap bi mat")


def test_hostile_query_is_escaped(client):
    html = results(client, '"><script>alert(1)</script>')
    assert "<script>alert(1)</script>" not in html


def test_the_search_page_has_one_named_search_landmark(client):
    """The header's search form stays off the search page, which has its own: a screen
    reader's landmark list shows one search, named after the page's heading."""
    html = client.get("/tim-kiem/", {"q": "tien tan"}).content.decode()
    assert [lm for lm in outline(html)[1] if lm[0] == "search"] == [("search", "Tìm kiếm")]
    home = outline(client.get("/").content.decode())[1]
    assert [lm for lm in home if lm[0] == "search"] == [("search", "Tìm kiếm trên trang")]
