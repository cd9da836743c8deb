"""The search column and indexes move into the model (core.search): the raw column and
indexes the earlier migrations made (core.migration_history) are dropped and made again
from the model's declaration, so `makemigrations` sees them and nothing is hidden in SQL."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_trigram"),
        ("disclosures", "0009_upload_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunSQL(
            [
                'DROP INDEX IF EXISTS "disclosures_disclosuredocument_search_text_trgm"',
                'ALTER TABLE "disclosures_disclosuredocument" DROP COLUMN IF EXISTS search_vector',
            ],
            migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="disclosuredocument",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            models.Func(
                                models.F("search_title"),
                                models.Value("[[:punct:]]+"),
                                models.Value(" "),
                                models.Value("g"),
                                function="regexp_replace",
                                output_field=models.TextField(),
                            ),
                            config="simple",
                            weight="A",
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            models.Func(
                                models.F("title"),
                                models.Value("[[:punct:]]+"),
                                models.Value(" "),
                                models.Value("g"),
                                function="regexp_replace",
                                output_field=models.TextField(),
                            ),
                            config="simple",
                            weight="B",
                        ),
                        django.contrib.postgres.search.SearchConfig("simple"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        models.Func(
                            models.F("search_text"),
                            models.Value("[[:punct:]]+"),
                            models.Value(" "),
                            models.Value("g"),
                            function="regexp_replace",
                            output_field=models.TextField(),
                        ),
                        config="simple",
                        weight="C",
                    ),
                    django.contrib.postgres.search.SearchConfig("simple"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AlterField(
            model_name="disclosuredocument",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AlterField(
            model_name="disclosuredocument",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="disclosuredocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="document_search_vector"
            ),
        ),
        migrations.AddIndex(
            model_name="disclosuredocument",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    models.F("search_text"), name="gin_trgm_ops"
                ),
                name="document_search_trgm",
            ),
        ),
    ]
