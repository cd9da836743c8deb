"""Moving a model to another app without touching its data (issue 13: one app per concept).

The model keeps its table (`Meta.db_table`); the new app's first migration creates it in the
migration state only, and the old app's next migration deletes it from the state only. What
the database keys by app label is the content type: the group permissions, the admin's
history (LogEntry) and any generic relation point at a `django_content_type` row. The
operation below relabels those rows, so all of them follow the model; without it,
`post_migrate` would create new rows (new permissions nobody holds) and leave the old ones
orphaned.
"""

from django.db import migrations


def _relabel(apps, from_label, to_label, models):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in models:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates the new rows
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is not None:
            # Both exist (post_migrate ran with both apps installed): fold the new row into
            # the old one, whose permissions the groups hold and whose history is longer.
            for permission in Permission.objects.filter(content_type=new):
                kept = Permission.objects.filter(
                    content_type=old, codename=permission.codename
                ).first()
                if kept is None:
                    permission.content_type = old
                    permission.save(update_fields=["content_type"])
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
                permission.delete()
            LogEntry.objects.filter(content_type=new).update(content_type=old)
            new.delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def relabel_content_types(from_label: str, to_label: str, models: list[str]):
    """A migration operation moving the content types of `models` (lower-case model names)
    from app `from_label` to `to_label`, and back when the migration is reversed.

    The migration that runs it must depend on contenttypes, auth and admin."""

    def forwards(apps, schema_editor):
        _relabel(apps, from_label, to_label, models)

    def backwards(apps, schema_editor):
        _relabel(apps, to_label, from_label, models)

    return migrations.RunPython(forwards, backwards, elidable=False)
