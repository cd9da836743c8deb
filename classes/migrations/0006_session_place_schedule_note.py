# The timetable is now written from the sessions; the free text becomes a note. Renamed, not
# removed and added: the text staff typed stays (tests/classes/test_timetable_migration.py).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("classes", "0005_upload_checks"),
    ]

    operations = [
        migrations.RenameField(
            model_name="course",
            old_name="schedule",
            new_name="schedule_note",
        ),
        migrations.AlterField(
            model_name="course",
            name="schedule_note",
            field=models.CharField(
                blank=True,
                help_text="Only what the sessions cannot say, e.g. “No class during Tết, "
                "05/02–12/02”. The timetable itself (days, hours, dates) is written from the "
                "sessions below.",
                max_length=200,
                verbose_name="note on the timetable",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="place",
            field=models.CharField(
                blank=True,
                help_text="Only when it is not the class's place.",
                max_length=200,
                verbose_name="place",
            ),
        ),
    ]
