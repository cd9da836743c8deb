"""The self-assessment's models moved to the `assessment` app (issue 13). Their tables stay
(`db_table`); this only takes them out of this app's migration state. Nothing here touches
the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0012_organizations_moved"),
        ("assessment", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='indicatoranswer',
                    name='indicator',
                ),
                migrations.RemoveField(
                    model_name='indicatoranswer',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='indicatoranswer',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='indicatoranswer',
                    name='updated_by',
                ),
                migrations.DeleteModel(
                    name='LegacyAssessmentResult',
                ),
                migrations.RemoveField(
                    model_name='selfassessment',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='selfassessment',
                    name='updated_by',
                ),
                migrations.DeleteModel(
                    name='Indicator',
                ),
                migrations.DeleteModel(
                    name='IndicatorAnswer',
                ),
                migrations.DeleteModel(
                    name='SelfAssessment',
                ),
            ],
        ),
    ]
