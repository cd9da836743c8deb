import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.classes.factories import CourseFactory
from tests.factories import center_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_anonymous_readers_get_the_page_from_the_cache(client, django_assert_num_queries):
    ArticleFactory(title="Thông báo họp xóm")
    first = client.get("/tin-tuc/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/tin-tuc/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "Content-Security-Policy" in again and again["X-Frame-Options"] == "DENY"


def test_a_publish_shows_on_the_next_request(client):
    client.get("/")
    draft = ArticleFactory(title="Tin mới đăng", status=Article.Status.DRAFT)
    assert "Tin mới đăng" not in client.get("/").content.decode()
    draft.status = Article.Status.PUBLISHED
    draft.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tin mới đăng" in response.content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    now = timezone.now()
    ArticleFactory(title="Tin hẹn giờ", published_at=now + datetime.timedelta(minutes=5))
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    later = now + datetime.timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get("/")
    assert "Tin hẹn giờ" in response.content.decode()


def test_staff_are_never_served_from_the_anonymous_cache(client):
    client.get("/tin-tuc/")
    assert client.get("/tin-tuc/")["X-Page-Cache"] == "hit"
    client.force_login(center_staff())
    assert "X-Page-Cache" not in client.get("/tin-tuc/")


def test_forms_with_a_csrf_token_are_not_cached(client):
    course = CourseFactory()
    url = f"/lop-hoc/{course.slug}/dang-ky/"
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_cached_pages_still_answer_304(client):
    first = client.get("/tin-tuc/")
    response = client.get("/tin-tuc/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304


def test_saving_a_session_does_not_empty_the_cache(client):
    from django.contrib.sessions.backends.db import SessionStore

    client.get("/")
    SessionStore().save()
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_villagers_survey_answer_does_not_empty_the_cache(client):
    """Answers are never shown publicly; each one emptying the cache would let anyone slow
    the site down by answering."""
    from survey.services import survey_response_create
    from tests.attendance.factories import hamlet

    where = hamlet()
    client.get("/")
    survey_response_create(hamlet=where, kinds=["it"], times=["evening"])
    assert client.get("/")["X-Page-Cache"] == "hit"
