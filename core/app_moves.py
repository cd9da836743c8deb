"""Moving a model from one app to another without touching its table (issue 13).

The model's table, rows and ids stay; what names the app in the database is its content type,
which permissions, the admin's history (LogEntry) and any generic relation point to. A moved
model keeps its content type row, renamed to the new app, so a group keeps its permissions and
an object keeps its history.
"""

from django.db import migrations

# What `move_content_types` reads and writes: a migration using it depends on these.
DEPENDENCIES = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("admin", "0003_logentry_add_action_flag_choices"),
]


def move_content_types(old_app: str, new_app: str, models: list[str]):
    """A migration operation renaming the content types of `models` (lower-case names) from
    `old_app` to `new_app`, and back when the migration is reversed.

    A database where `new_app`'s rows already exist (made by a `migrate` that ran the new code
    against state that still lacked this move) gets them folded into the old rows: their
    permissions' holders and history move over, then the duplicates go.
    """

    def rename(apps, schema_editor, source, target):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        LogEntry = apps.get_model("admin", "LogEntry")
        db = schema_editor.connection.alias
        for model in models:
            kept = ContentType.objects.using(db).filter(app_label=source, model=model).first()
            if kept is None:  # a fresh database: post_migrate makes the rows later
                continue
            extra = ContentType.objects.using(db).filter(app_label=target, model=model).first()
            if extra is not None:
                _fold(Permission, LogEntry, db, extra, into=kept)
            kept.app_label = target
            kept.save(using=db, update_fields=["app_label"])

    return migrations.RunPython(
        lambda apps, schema_editor: rename(apps, schema_editor, old_app, new_app),
        lambda apps, schema_editor: rename(apps, schema_editor, new_app, old_app),
        elidable=False,
    )


def _fold(Permission, LogEntry, db, extra, *, into):  # noqa: N803 - historical model classes
    for permission in Permission.objects.using(db).filter(content_type=extra):
        same = (
            Permission.objects.using(db)
            .filter(content_type=into, codename=permission.codename)
            .first()
        )
        if same is None:
            permission.content_type = into
            permission.save(using=db, update_fields=["content_type"])
            continue
        same.group_set.add(*permission.group_set.all())
        same.user_set.add(*permission.user_set.all())
        permission.delete()
    LogEntry.objects.using(db).filter(content_type=extra).update(content_type=into)
    extra.delete()
