"""The site search's GIN index starts with the center (btree_gin): one center's search reads
that center's matches, not every center's (docs/scaling.md, docs/performance.md)."""

import pytest
from django.apps import apps
from django.db import connection

from core.models import SearchableModel

pytestmark = pytest.mark.django_db


def test_every_searchable_table_has_its_search_index_with_the_center_first():
    tables = [m._meta.db_table for m in apps.get_models() if issubclass(m, SearchableModel)]
    assert tables
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
            definitions = [row[0] for row in cursor.fetchall()]
            assert any("USING gin (center_id, search_vector)" in d for d in definitions), (
                table,
                definitions,
            )
