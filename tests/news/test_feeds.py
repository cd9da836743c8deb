import xml.etree.ElementTree as ET

import pytest

from news.models import Article
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_rss_is_rss_2_with_published_articles_only(client):
    live = ArticleFactory(title="Tin được đăng", summary="Tóm tắt tin.")
    ArticleFactory(title="Tin nháp", status=Article.Status.DRAFT)
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Tin được đăng"]
    assert items[0].findtext("link") == f"http://testserver{live.get_absolute_url()}"
    assert items[0].findtext("description") == "Tóm tắt tin."
    assert root.findtext("./channel/language") == "vi"


def test_sitemap_lists_published_articles_and_pages(client):
    live = ArticleFactory(title="Tin được đăng")
    draft = ArticleFactory(title="Tin nháp", status=Article.Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.text for u in ET.fromstring(response.content).findall("./s:url/s:loc", ns)}
    assert f"http://testserver{live.get_absolute_url()}" in urls
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert {
        "http://testserver/",
        "http://testserver/tin-tuc/",
        "http://testserver/tin-tuc/chuyen-muc/thong-bao/",
    } <= urls


def test_robots_txt_points_to_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
