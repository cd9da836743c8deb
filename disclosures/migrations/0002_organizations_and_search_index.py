"""The two organizations that publish, and the trigram index for search on PostgreSQL.

The organizations are part of the configuration, not demo content: the register and the
disclosure calendar need them in production from the first deploy.
"""

from django.db import migrations

from core.search import trigram_index

ORGANIZATIONS = [
    {
        "slug": "truong-thcs-tien-tan",
        "name": "Trường THCS Tiên Tân",
        "short_name": "THCS Tiên Tân",
        "kind": "school",
        "staff_group": "Cán bộ nhà trường",
        "position": 1,
    },
    {
        "slug": "tthtcd-xa-tien-tan",
        "name": "Trung tâm học tập cộng đồng xã Tiên Tân",
        "short_name": "TTHTCĐ xã Tiên Tân",
        "kind": "center",
        "staff_group": "Cán bộ trung tâm",
        "position": 2,
    },
]


def add_organizations(apps, schema_editor):
    Organization = apps.get_model("disclosures", "Organization")
    for values in ORGANIZATIONS:
        Organization.objects.get_or_create(slug=values["slug"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [
        migrations.RunPython(add_organizations, migrations.RunPython.noop),
        trigram_index("DisclosureDocument", "disclosures_disclosuredocument"),
    ]
