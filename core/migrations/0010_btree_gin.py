"""btree_gin: a GIN index may start with the center (core.search.search_indexes), so a search
reads the matches of one center, not of every center on the deployment (docs/scaling.md).
A trusted extension: the database's owner may create it, no superuser needed."""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_pathredirect")]

    operations = [BtreeGinExtension()]
