# The admin's search compares text without accents in PostgreSQL with unaccent (core/lookups.py).
# PostgreSQL trusts this extension: the database's owner creates it, no superuser needed.

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [UnaccentExtension()]
