"""The survey's models now belong to the survey app, and Hamlet to core (issue 13): they leave
attendance's migration state; their tables and rows stay where they are (see survey 0001 and
core 0005, which took them over). The learner's hamlet points at core's model: same column,
same table, nothing in the database changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0004_search_index_on_the_model"),
        ("core", "0005_hamlet_from_attendance"),
        ("survey", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="learner",
                    name="hamlet",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="core.hamlet",
                        verbose_name="hamlet",
                    ),
                ),
                migrations.DeleteModel(name="SurveyChoice"),
                migrations.DeleteModel(name="SurveyResponse"),
                migrations.DeleteModel(name="Hamlet"),
            ],
            database_operations=[],
        ),
    ]
