# The search's trigram indexes (core.search.trigram_index, in each searchable model's
# Meta.indexes) need pg_trgm. PostgreSQL trusts it: the database's owner creates it. Here, in
# core, so that rolling one app's migrations back never drops what another app's indexes use.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_upload_limits")]

    operations = [TrigramExtension()]
