"""The trigram index on the learners' folded names and phones moves into the model's
Meta.indexes; the raw one an earlier migration made is dropped and made again."""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_trigram"),
        ("attendance", "0003_survey"),
    ]

    operations = [
        migrations.RunSQL(
            [
                'DROP INDEX IF EXISTS "attendance_learner_search_text_trgm"',
            ],
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="learner",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    models.F("search_text"), name="gin_trgm_ops"
                ),
                name="learner_search_trgm",
            ),
        ),
    ]
