"""The commune's hamlets as a starting list; staff rename or add them in the admin."""

from django.db import migrations

from core.hamlets import ensure_defaults
from core.migration_history import trigram_index


def add_hamlets(apps, schema_editor):
    ensure_defaults(apps.get_model("attendance", "Hamlet"))


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [
        migrations.RunPython(add_hamlets, migrations.RunPython.noop),
        # The admin search on learners.
        trigram_index("Learner", "attendance_learner"),
    ]
