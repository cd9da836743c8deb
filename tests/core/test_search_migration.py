"""Migration 0003_search_vector on a database that already holds articles."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.search import search_words
from news import selectors


@pytest.mark.django_db(transaction=True)
def test_articles_saved_before_the_migration_are_found_by_whole_words():
    """Before, tags were stripped without a space between paragraphs: "chiều</p><p>Lớp" was
    folded to "chieulop". The migration makes the text again, so "lop" matches."""
    executor = MigrationExecutor(connection)
    before, after = (
        [("news", "0002_seed_categories_search_index")],
        [("news", "0003_search_vector")],
    )
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        Article, Category = apps.get_model("news", "Article"), apps.get_model("news", "Category")
        Article.objects.create(
            title="Lịch học tháng 12",
            slug="lich-hoc-thang-12",
            # (an earlier transactional test may have flushed the seeded categories)
            category=Category.objects.get_or_create(slug="tin-tuc", defaults={"name": "Tin"})[0],
            summary="",
            body="<p>Buổi chiều</p><p>Lớp tin học</p>",
            status="published",
            publish_at="2025-12-01T08:00:00+07:00",
            search_text="lich hoc thang 12 buoi chieulop tin hoc",  # as saved before
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        # Later migrations (the rename to `published_at`) keep the text 0003 made; the
        # search reads the model as it is today.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        hits, total = selectors.search(search_words("chieu lop"), "chiều lớp", 10)
        assert total == 1 and hits[0].title == "Lịch học tháng 12"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
