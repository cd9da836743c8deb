"""Reading comfort (issue 16, part 6): the larger-text switch without JavaScript, its place in
the anonymous page cache, the print button on articles and documents, dark mode's meta."""

import re

import pytest
from django.test import Client

from core import comfort
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.disclosures.factories import DocumentFactory
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SWITCH = "/co-chu/"


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_a_villager_chooses_large_text_and_every_page_comes_large(client):
    response = client.get(SWITCH, {"c": "lon", "next": "/tin-tuc/"})
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/"
    cookie = response.cookies[comfort.COOKIE_NAME]
    assert cookie.value == "lon"
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] >= 365 * 24 * 60 * 60  # remembered, not for one visit
    assert "Cache-Control" in response and "no-cache" in response["Cache-Control"]
    page = client.get("/tin-tuc/")
    assert 'class="text-large"' in html_tag(page)
    # The switch shows the current size as chosen, and links to the others.
    text = page.content.decode()
    assert 'aria-current="true" class="text-size-lon">Lớn<' in text
    assert "/co-chu/?c=thuong&amp;next=/tin-tuc/" in text
    assert "/co-chu/?c=rat-lon&amp;next=/tin-tuc/" in text

    client.get(SWITCH, {"c": "rat-lon", "next": "/"})
    assert 'class="text-larger"' in html_tag(client.get("/"))
    back = client.get(SWITCH, {"c": "thuong", "next": "/"})
    assert back.cookies[comfort.COOKIE_NAME].value == ""  # forgotten
    assert "class=" not in html_tag(client.get("/"))


def test_the_switch_is_in_every_page_header_with_links_back_here(client):
    text = client.get("/tin-tuc/?page=1").content.decode()
    assert "Cỡ chữ:" in text
    # The path only: no query string (search words, filters) is echoed into the page.
    assert '/co-chu/?c=lon&amp;next=/tin-tuc/"' in text
    assert '<meta name="color-scheme" content="light dark">' in text


@pytest.mark.parametrize(
    "target",
    [
        "https://lua-dao.example/",
        "//lua-dao.example/",
        "http://testserver.lua-dao.example/",
        "javascript:alert(1)",
        "/\r\nSet-Cookie: x=1",
        "/" + "a" * 5000,
        "\x00/",
        "",
    ],
)
def test_a_hostile_next_goes_home(client, target):
    response = client.get(SWITCH, {"c": "lon", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_size_changes_nothing(client):
    client.cookies[comfort.COOKIE_NAME] = "lon"
    for value in ("khong-ro", "x" * 3000, "<script>", ""):
        response = client.get(SWITCH, {"c": value, "next": "/lop-hoc/"})
        assert response.status_code == 302 and response["Location"] == "/lop-hoc/"
        assert comfort.COOKIE_NAME not in response.cookies
    assert 'class="text-large"' in html_tag(client.get("/"))


def test_a_forged_cookie_reads_as_normal_text(client):
    client.cookies[comfort.COOKIE_NAME] = '"><script>alert(1)</script>'
    response = client.get("/")
    assert response.status_code == 200
    assert "class=" not in html_tag(response)
    assert "<script>alert" not in response.content.decode()


def test_a_post_to_the_switch_is_refused_without_a_change(client):
    response = Client(enforce_csrf_checks=True).post(SWITCH, {"c": "lon", "next": "/"})
    assert response.status_code in (403, 405)
    assert comfort.COOKIE_NAME not in response.cookies


class TestPageCache:
    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.PAGE_CACHE_SECONDS = 600

    def test_large_and_normal_readers_never_get_each_others_page(self):
        ArticleFactory(title="Lịch tiêm phòng cho trẻ")
        normal, large, larger = Client(), Client(), Client()
        large.cookies[comfort.COOKIE_NAME] = "lon"
        larger.cookies[comfort.COOKIE_NAME] = "rat-lon"

        first = normal.get("/tin-tuc/")
        assert first["X-Page-Cache"] == "miss" and "class=" not in html_tag(first)
        big = large.get("/tin-tuc/")
        assert big["X-Page-Cache"] == "miss", "a large-text reader got the normal page"
        assert 'class="text-large"' in html_tag(big)
        assert 'class="text-larger"' in html_tag(larger.get("/tin-tuc/"))

        # Each variant is cached, and each reader keeps getting their own.
        again = large.get("/tin-tuc/")
        assert again["X-Page-Cache"] == "hit" and 'class="text-large"' in html_tag(again)
        plain = normal.get("/tin-tuc/")
        assert plain["X-Page-Cache"] == "hit" and "class=" not in html_tag(plain)

    def test_nothing_else_from_cookies_makes_a_new_variant(self):
        Client().get("/")
        other = Client()
        other.cookies["bat-ky"] = "gi-cung-duoc"
        other.cookies[comfort.COOKIE_NAME] = "gia-tri-la"  # unknown size: the normal page
        assert other.get("/")["X-Page-Cache"] == "hit"

    def test_the_switch_itself_is_never_cached(self):
        for _ in range(2):
            response = Client().get(SWITCH, {"c": "lon", "next": "/"})
            assert "X-Page-Cache" not in response
            assert comfort.COOKIE_NAME in response.cookies


def print_button(response):
    text = response.content.decode()
    match = re.search(r"<button[^>]*data-print[^>]*>([^<]*)</button>", text)
    assert match, "no print button"
    assert "js/print" in text, "the button needs print.js"
    return match


def test_an_article_has_a_print_button_hidden_until_javascript_shows_it(client):
    article = ArticleFactory(title="Hội thi cắm hoa ngày 20/10")
    button = print_button(client.get(article.get_absolute_url()))
    assert " hidden" in button.group(0)
    assert button.group(1).strip() == "In trang này"


def test_a_disclosure_document_has_a_print_button(client):
    ensure_organizations(Organization)
    document = DocumentFactory(title="Kế hoạch hoạt động năm 2026")
    button = print_button(client.get(document.get_absolute_url()))
    assert " hidden" in button.group(0)
