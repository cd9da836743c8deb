"""Operations that migrations written before the search moved to the models still run.

New code does not use them: `search_vector` is a generated field declared on the models
(`core.models.SearchableModel`) and the indexes are in their `Meta.indexes`
(`core.search.search_indexes`); the migration that made that change drops what these
created. They stay because migrations are history: a fresh database replays them in order.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from core.search import searchable_text
from core.text import fold


def trigram_index(model_name: str, table: str, column: str = "search_text"):
    """A migration operation adding a trigram GIN index (raw SQL)."""
    index = f"{table}_{column}_trgm"

    def forwards(apps, schema_editor):
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )

    def backwards(apps, schema_editor):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_vector_column(table: str):
    """A migration operation adding `search_vector` (raw SQL): a tsvector the database keeps
    in step with `search_title` (weight A), `title` as written (B) and `search_text` (C), with
    a GIN index."""
    index = f"{table}_search_vector"

    def forwards(apps, schema_editor):
        # Punctuation becomes a space first, as in `search_words`: the parser would otherwise
        # read "2015-2016" as 2015 and -2016, and "05/2016" as one word.
        parts = [("search_title", "A"), ("title", "B"), ("search_text", "C")]
        vector = " || ".join(
            "setweight(to_tsvector('simple'::regconfig, "
            f"regexp_replace({column}, '[[:punct:]]+', ' ', 'g')), '{weight}')"
            for column, weight in parts
        )
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS search_vector tsvector '
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin (search_vector)'
        )

    def backwards(apps, schema_editor):
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS search_vector')

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_backfill(app_label: str, model_name: str, parts):
    """A migration operation filling `search_title` and re-making `search_text` for the rows
    saved before: `parts(row)` gives the texts the model's save() folds (title first). Older
    text was stripped of tags without a space between paragraphs ("học</p><p>Lớp" became
    "hoclop"), which whole-word matching would miss."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.all())
        # Labels of choices in the site's language, as save() writes them from the admin.
        with translation.override(settings.LANGUAGE_CODE):
            for row in rows:
                row.search_title = fold(row.title)
                row.search_text = searchable_text(*parts(row))
        model.objects.bulk_update(rows, ["search_title", "search_text"], batch_size=500)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
