"""Hamlet moves here from attendance (issue 13: attendance and the survey both use it, and apps
on one floor do not import each other). The table `attendance_hamlet` and its rows stay: this
changes the migration state only, and renames the content type so permissions and the admin's
history follow. attendance 0005 removes the model from attendance's state."""

from django.db import migrations, models

from core.app_moves import DEPENDENCIES, move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_trigram"),
        # The table is attendance's until now: it must exist before this state claims it.
        ("attendance", "0004_search_index_on_the_model"),
        *DEPENDENCIES,
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Hamlet",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=80, unique=True, verbose_name="name")),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="position"),
                        ),
                        (
                            "is_other",
                            models.BooleanField(
                                default=False,
                                help_text="The choice for people living outside the listed hamlets.",
                                verbose_name="means “other”",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hamlet",
                        "verbose_name_plural": "hamlets",
                        "db_table": "attendance_hamlet",
                        "ordering": ["is_other", "position", "name"],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("attendance", "core", ["hamlet"]),
    ]
