"""Reads of the center's profile for its pages and for the site's header and footer."""

from django.db.models import Prefetch

from organizations.models import Organization, Person


def center_profile():
    """The center (its profile: contacts, introduction, functions, history, chart) with its
    board and staff in `people_list`, board first; None when there is no center. Two queries."""
    return (
        Organization.objects.filter(kind=Organization.Kind.CENTER)
        .prefetch_related(Prefetch("people", queryset=Person.objects.all(), to_attr="people_list"))
        .order_by("position", "pk")
        .first()
    )


CONTACT_FIELDS = ("name", "address", "phone", "email", "office_hours", "contact_is_example")


def center_contact():
    """The center's name and contact details as a plain dict (cheap to cache), or None;
    `contact_is_example` says its phone and e-mail are the demo's examples."""
    return (
        Organization.objects.filter(kind=Organization.Kind.CENTER)
        .order_by("position", "pk")
        .values(*CONTACT_FIELDS)
        .first()
    )
