"""Organization and Person moved to the `organizations` app (issue 13). Their tables stay
(`db_table`); this only takes them out of this app's migration state, and points the
documents' foreign key at the new app. Nothing here touches the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0011_merge_spelling_and_search"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="disclosuredocument",
                    name="organization",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="documents",
                        to="organizations.organization",
                        verbose_name="organization",
                    ),
                ),
                migrations.RemoveField(model_name="person", name="organization"),
                migrations.DeleteModel(name="Organization"),
                migrations.DeleteModel(name="Person"),
            ],
        ),
    ]
