"""One name for a publish time across apps: classes and disclosure documents say
`published_at`, and so does an article now. A rename: every row keeps its time.

PostgreSQL renames the column inside the index and the check constraint by itself, so those
change only in Django's state (and the index gets the name Django gives its new fields)."""

from django.db import migrations, models

CONSTRAINT = "article_expires_after_publish"
MESSAGE = "The expiry time must be after the publish time."


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_upload_checks"),
    ]

    operations = [
        migrations.RenameField(
            model_name="article",
            old_name="publish_at",
            new_name="published_at",
        ),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-pk"],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="article", name="news_articl_status_2b5743_idx"),
                migrations.AddIndex(
                    model_name="article",
                    index=models.Index(
                        fields=["status", "published_at"], name="news_articl_status_2b5743_idx"
                    ),
                ),
                migrations.RemoveConstraint(model_name="article", name=CONSTRAINT),
                migrations.AddConstraint(
                    model_name="article",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("expires_at__isnull", True),
                            ("expires_at__gt", models.F("published_at")),
                            _connector="OR",
                        ),
                        name=CONSTRAINT,
                        violation_error_message=MESSAGE,
                    ),
                ),
            ],
        ),
        migrations.RenameIndex(
            model_name="article",
            new_name="news_articl_status_f1b279_idx",
            old_name="news_articl_status_2b5743_idx",
        ),
    ]
