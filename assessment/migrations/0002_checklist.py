"""The TT 25/2023 checklist and the TT 44/2014 result: configuration, not demo content.

Seeded by disclosures/0005 before the self-assessment had its own app; here since, so no
migration of a lower app imports this one. Both helpers create only what is missing (an
indicator staff edited is never touched), so a database seeded by the old migration is left as
it is.
"""

from django.db import migrations

from assessment.seed import ensure_indicators, ensure_legacy_results


def add_checklist(apps, schema_editor):
    ensure_indicators(apps.get_model("assessment", "Indicator"))
    ensure_legacy_results(apps.get_model("assessment", "LegacyAssessmentResult"))


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(add_checklist, migrations.RunPython.noop)]
