"""The page cache's content version with several processes: what another process may render
between a save and its commit, and writes that send no signal."""

import pytest
from django.db import transaction

from core.cache import content_version
from core.tenancy import use_center
from news.models import Article
from tests.factories import center_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_the_version_turns_again_when_the_save_commits(django_capture_on_commit_callbacks):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    # The version is the center's: what its pages are cached under.
    with use_center(draft.center):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            draft.status = Article.Status.PUBLISHED
            draft.save()
            # Another process rendering now still reads the draft (not committed yet) and
            # would store that page under the version it sees here.
            seen_before_commit = content_version()
        assert content_version() != seen_before_commit


def test_the_bulk_publish_action_invalidates_the_cached_pages(client):
    draft = ArticleFactory(title="Lịch cắt điện thôn Đọ Xá", status=Article.Status.DRAFT)
    assert "Lịch cắt điện thôn Đọ Xá" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    staff = client.__class__()
    staff.force_login(center_staff())
    response = staff.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [draft.pk], "index": 0, "select_across": 0},
    )
    assert response.status_code == 302

    page = client.get("/")
    assert page["X-Page-Cache"] == "miss"
    assert "Lịch cắt điện thôn Đọ Xá" in page.content.decode()
