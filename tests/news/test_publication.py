import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import center_staff, school_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def articles():
    now = timezone.now()
    return {
        "live": ArticleFactory(title="Bài đã đăng"),
        "draft": ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT),
        "scheduled": ArticleFactory(title="Bài hẹn giờ", published_at=now + HOUR),
        "expired": ArticleFactory(
            title="Thông báo hết hạn", published_at=now - 3 * HOUR, expires_at=now - HOUR
        ),
        "expiring": ArticleFactory(
            title="Thông báo còn hạn", published_at=now - 3 * HOUR, expires_at=now + HOUR
        ),
    }


def test_published_means_published_status_time_reached_and_not_expired(articles):
    titles = set(Article.objects.published().values_list("title", flat=True))
    assert titles == {"Bài đã đăng", "Thông báo còn hạn"}


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(articles):
    later = timezone.now() + 2 * HOUR
    titles = set(Article.objects.published(now=later).values_list("title", flat=True))
    assert "Bài hẹn giờ" in titles
    assert "Thông báo còn hạn" not in titles  # expired by then


@pytest.mark.parametrize("key", ["draft", "scheduled", "expired"])
def test_unpublished_articles_are_404_for_readers(client, articles, key):
    response = client.get(articles[key].get_absolute_url())
    assert response.status_code == 404


@pytest.mark.parametrize("key", ["draft", "scheduled", "expired"])
def test_staff_preview_unpublished_articles_uncached(client, articles, key):
    client.force_login(center_staff())
    response = client.get(articles[key].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "preview-banner" in html and "cán bộ xem được" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_staff_without_news_rights_cannot_preview(client, articles):
    client.force_login(school_staff())
    assert client.get(articles["draft"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tin-tuc/",
        "/tin-tuc/chuyen-muc/tin-tuc-su-kien/",
        "/tin-tuc/rss/",
        "/sitemap.xml",
        "/tim-kiem/?q=nghe+moc",
    ],
)
def test_unpublished_articles_appear_nowhere_public(client, articles, url):
    body = client.get(url).content.decode()
    assert "Bài đã đăng" in body or url in ("/sitemap.xml",)
    for key in ("draft", "scheduled", "expired"):
        assert articles[key].title not in body
        assert articles[key].slug not in body


def test_slug_is_ascii_from_the_title_and_unique():
    first = ArticleFactory(title="Đào tạo nghề mộc")
    second = ArticleFactory(title="Đào tạo nghề mộc")
    assert first.slug == "dao-tao-nghe-moc"
    assert second.slug == "dao-tao-nghe-moc-2"
    assert first.get_absolute_url() == "/tin-tuc/dao-tao-nghe-moc/"


def test_slug_does_not_change_when_the_title_is_edited():
    article = ArticleFactory(title="Lớp học tin học")
    article.title = "Lớp học tin học cơ bản (đã sửa)"
    article.save()
    article.refresh_from_db()
    assert article.slug == "lop-hoc-tin-hoc"


def test_expiry_before_publication_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(published_at=now, expires_at=now - HOUR)
