"""The survey's models, moved here from attendance (issue 13) with their tables
(`attendance_surveyresponse`, `attendance_surveychoice`), rows, constraints and indexes: this
changes the migration state only, and renames the content types so permissions and the admin's
history follow. attendance 0005 removes the models from attendance's state."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.app_moves import DEPENDENCIES, move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("attendance", "0004_search_index_on_the_model"),
        ("core", "0005_hamlet_from_attendance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        *DEPENDENCIES,
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SurveyResponse",
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
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated at"),
                        ),
                        (
                            "answered_on",
                            models.DateField(
                                db_index=True,
                                default=django.utils.timezone.localdate,
                                help_text="For a paper form: the day it was filled in.",
                                verbose_name="answered on",
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[("online", "Online form"), ("paper", "Paper form")],
                                default="online",
                                max_length=10,
                                verbose_name="source",
                            ),
                        ),
                        (
                            "other_topic",
                            models.CharField(
                                blank=True, max_length=100, verbose_name="other topic"
                            ),
                        ),
                        (
                            "other_topic_key",
                            models.CharField(
                                blank=True, db_index=True, editable=False, max_length=100
                            ),
                        ),
                        (
                            "full_name",
                            models.CharField(blank=True, max_length=100, verbose_name="full name"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=15, verbose_name="phone"),
                        ),
                        (
                            "consent_at",
                            models.DateTimeField(
                                blank=True,
                                editable=False,
                                null=True,
                                verbose_name="consent given at",
                            ),
                        ),
                        (
                            "consent_text",
                            models.TextField(
                                blank=True, editable=False, verbose_name="consent text"
                            ),
                        ),
                        (
                            "contact_erased_at",
                            models.DateTimeField(
                                blank=True,
                                editable=False,
                                null=True,
                                verbose_name="contact details erased at",
                            ),
                        ),
                        (
                            "submission_token",
                            models.UUIDField(blank=True, editable=False, null=True, unique=True),
                        ),
                        (
                            "entered_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                help_text="The staff member who typed in a paper form.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="entered by",
                            ),
                        ),
                        (
                            "hamlet",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="core.hamlet",
                                verbose_name="hamlet",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "survey answer",
                        "verbose_name_plural": "survey answers",
                        "db_table": "attendance_surveyresponse",
                        "ordering": ["-answered_on", "-pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("full_name", ""), ("phone", "")),
                                    ("consent_at__isnull", False),
                                    _connector="OR",
                                ),
                                name="survey_contact_needs_consent",
                                violation_error_message="Contact details need the person's consent.",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SurveyChoice",
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
                        (
                            "question",
                            models.CharField(
                                choices=[
                                    ("kind", "Topic"),
                                    ("time", "Time of day"),
                                    ("season", "Season"),
                                ],
                                max_length=10,
                                verbose_name="question",
                            ),
                        ),
                        ("value", models.CharField(max_length=20, verbose_name="answer")),
                        (
                            "response",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="choices",
                                to="survey.surveyresponse",
                                verbose_name="survey answer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "survey choice",
                        "verbose_name_plural": "survey choices",
                        "db_table": "attendance_surveychoice",
                        "ordering": ["response", "question", "value"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("response", "question", "value"),
                                name="survey_choice_once",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("attendance", "survey", ["surveyresponse", "surveychoice"]),
    ]
