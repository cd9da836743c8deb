from django.db import migrations

from core.migration_history import trigram_index
from news.seed import ensure_categories


def seed_categories(apps, schema_editor):
    ensure_categories(apps.get_model("news", "Category"))


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [
        migrations.RunPython(seed_categories, migrations.RunPython.noop),
        trigram_index("Article", "news_article"),
    ]
