"""The two organizations that publish, and the trigram index for search on PostgreSQL.

The organizations are part of the configuration, not demo content: the register and the
disclosure calendar need them in production from the first deploy.
"""

from django.db import migrations

from core.migration_history import trigram_index
from organizations.seed import ensure_organizations


def add_organizations(apps, schema_editor):
    ensure_organizations(apps.get_model("disclosures", "Organization"))


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [
        migrations.RunPython(add_organizations, migrations.RunPython.noop),
        trigram_index("DisclosureDocument", "disclosures_disclosuredocument"),
    ]
