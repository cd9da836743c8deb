"""Migration 0005: an article's `publish_at` becomes `published_at`, the name classes and
disclosure documents use; every article keeps its time, and the check and index follow."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("news", "0004_upload_checks")]
AFTER = [("news", "0005_article_published_at")]
WHEN = datetime.datetime(2025, 6, 5, 7, 30, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_every_article_keeps_its_publish_time():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        category = old.get_model("news", "Category").objects.create(name="Tin", slug="tin")
        old.get_model("news", "Article").objects.create(
            title="Khai giảng lớp tin học", slug="khai-giang", category=category, publish_at=WHEN
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        Article = executor.loader.project_state(AFTER).apps.get_model("news", "Article")
        article = Article.objects.get(slug="khai-giang")
        assert article.published_at == WHEN
        # The database's own rule still reads the renamed column.
        article.expires_at = WHEN - datetime.timedelta(days=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            article.save()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["news_articl_status_f1b279_idx"],
            )
            assert "(status, published_at)" in cursor.fetchone()[0]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
