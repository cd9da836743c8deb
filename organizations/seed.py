"""The two organizations that must publish: configuration, not demo content.

Migration disclosures 0002 created them on the first deploy; `ensure_organizations` is also
what the demo loader and the tests call after a database flush (which empties what
migrations added). A center made later starts with its own organization only
(`center_defaults`, core.onboarding).
"""

from core.roles import CENTER_STAFF

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


CENTER_PREFIX = "Trung tâm học tập cộng đồng"


def ensure_organizations(organization_model):
    """Create the organizations that are missing; never change ones staff have edited."""
    for values in ORGANIZATIONS:
        organization_model.objects.get_or_create(slug=values["slug"], defaults=values)


def center_defaults():
    """A new center starts with one organization, itself (kind "center", kept by its center
    staff): its profile and its disclosure documents hang on it. Its schools are added by
    its staff, with their real names; none is invented here."""
    from core.tenancy import current_center
    from core.text import slugify_vi
    from organizations.models import Organization

    center = current_center()
    if Organization.objects.filter(kind=Organization.Kind.CENTER).exists():
        return
    short_name = center.name.replace(CENTER_PREFIX, "TTHTCĐ", 1)[:60]
    Organization.objects.create(
        name=center.name,
        short_name=short_name,
        slug=slugify_vi(short_name, 80) or "trung-tam",
        kind=Organization.Kind.CENTER,
        staff_group=CENTER_STAFF,
        position=1,
    )
