import pytest

from tests.disclosures.factories import DocumentFactory
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_sitemap_gathers_every_app_and_the_fixed_pages(client):
    article = ArticleFactory()
    document = DocumentFactory()
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/", "/gioi-thieu/", article.get_absolute_url(), document.get_absolute_url()):
        assert f"<loc>http://testserver{path}</loc>" in body
