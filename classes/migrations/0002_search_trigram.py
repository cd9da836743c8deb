from django.db import migrations

from core.migration_history import trigram_index


class Migration(migrations.Migration):
    dependencies = [("classes", "0001_initial")]

    operations = [trigram_index("Course", "classes_course")]
