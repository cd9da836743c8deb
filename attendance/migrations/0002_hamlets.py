"""The commune's hamlets as a starting list; staff rename or add them in the admin."""

from django.db import migrations

from core.search import trigram_index

DEFAULT_HAMLETS = [f"Xóm {n}" for n in range(1, 11)]


def add_hamlets(apps, schema_editor):
    Hamlet = apps.get_model("attendance", "Hamlet")
    for position, name in enumerate(DEFAULT_HAMLETS, start=1):
        Hamlet.objects.get_or_create(name=name, defaults={"position": position})
    Hamlet.objects.get_or_create(name="Khác", defaults={"position": 99, "is_other": True})


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [
        migrations.RunPython(add_hamlets, migrations.RunPython.noop),
        # The admin search on learners.
        trigram_index("Learner", "attendance_learner"),
    ]
