"""Helpers for the tests of the center's profile and people (issue 8)."""

import io

from PIL import Image

from organizations.models import Organization, Person


def change_url(organization):
    return f"/admin/organizations/organization/{organization.pk}/change/"


def person(organization, **values):
    defaults = {"full_name": "Nguyễn Văn A", "position": "Giám đốc", "is_board": True}
    return Person.objects.create(organization=organization, **{**defaults, **values})


PROFILE_FIELDS = [
    "address", "phone", "email", "office_hours", "directions", "map_url",
    "introduction", "functions", "history", "chart_description",
]  # fmt: skip
PERSON_FIELDS = [
    "full_name", "position", "concurrent_post", "duties", "phone", "email", "order",
]  # fmt: skip


def profile_form(organization: Organization, people=None, **overrides):
    """The organization's change form as a member of its staff posts it back: the profile
    fields, and the people inline (existing rows, then `people` as new rows)."""
    data = {field: getattr(organization, field) for field in PROFILE_FIELDS}
    if organization.contact_is_example:  # a ticked box is posted back as the browser does
        data["contact_is_example"] = "on"
    existing = list(organization.people.all())
    new = people or []
    for i, row in enumerate(existing):
        prefix = f"people-{i}-"
        data[prefix + "id"] = row.pk
        data[prefix + "organization"] = organization.pk
        for field in PERSON_FIELDS:
            data[prefix + field] = getattr(row, field)
        for box in ("is_board", "is_example"):
            if getattr(row, box):
                data[prefix + box] = "on"
    for j, values in enumerate(new, start=len(existing)):
        prefix = f"people-{j}-"
        data[prefix + "organization"] = organization.pk
        data.update({prefix + key: value for key, value in values.items()})
    data.update(
        {
            "people-TOTAL_FORMS": len(existing) + len(new),
            "people-INITIAL_FORMS": len(existing),
            "people-MIN_NUM_FORMS": 0,
            "people-MAX_NUM_FORMS": 1000,
        }
    )
    data.update(overrides)
    return data


def photo_with_gps(size=(2400, 3200)):
    """A JPEG as a phone takes it: large, with EXIF that includes a GPS position."""
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (20.0, 32.0, 10.0), 3: "E", 4: (105.0, 55.0, 3.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()
