"""The two organizations that must publish: configuration, not demo content.

Migration disclosures 0002 created them on the first deploy; `ensure_organizations` is also
what the demo loader and the tests call after a database flush (which empties what
migrations added).
"""

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


def ensure_organizations(organization_model):
    """Create the organizations that are missing; never change ones staff have edited."""
    for values in ORGANIZATIONS:
        organization_model.objects.get_or_create(slug=values["slug"], defaults=values)
