"""The center's public contact details, for any app that prints or reads them out.

Staff keep them in the admin (`organizations.Organization`), which `core` and the floor-2 apps may
not import; the top floor does, and names its reader in `settings.SITE_CONTACT_PROVIDER`
(as Django names context processors). Without one, `settings_contact()` is the answer.

The settings (`PORTAL_CONTACT_*`) are the first center's details: a single-center site was
configured so, and its upgrade made them the first center's (as PORTAL_SITE_NAME became its
name). They never stand in for another center's details: a center that has not typed its
address yet shows none, not the first center's (issue 14).

The demo's phone and e-mail are made up: the provider says so (`phone_is_example`,
`email_is_example`). Pages show them marked as examples; anything printed or read out uses
`printed_contact`, which never holds an example.
"""

from django.conf import settings
from django.utils.module_loading import import_string

# The details the demo makes up, each with its "<name>_is_example" key.
EXAMPLE_FIELDS = ("phone", "email")


def settings_contact() -> dict:
    """`settings.SITE_CONTACT` where it applies: with no center current (a command) or at the
    first center; at any other center the same keys, empty."""
    from core.centers import is_first_center
    from core.tenancy import current_center_id

    center_id = current_center_id()
    if center_id is None or is_first_center(center_id):
        return dict(settings.SITE_CONTACT)
    return dict.fromkeys(settings.SITE_CONTACT, "")


def site_contact() -> dict:
    """{"address", "phone", "email", ...}: what staff keep in the admin, else the settings."""
    provider = getattr(settings, "SITE_CONTACT_PROVIDER", "")
    contact = import_string(provider)() if provider else settings_contact()
    for name in EXAMPLE_FIELDS:
        contact.setdefault(f"{name}_is_example", False)
    return contact


def printed_contact() -> dict:
    """The contact details for posters, loudspeaker scripts, the yearly report: an example
    (the demo's made-up number) is replaced by the settings' real one (`PORTAL_CONTACT_*`),
    or left out when there is none. Printed paper cannot be marked “example” later."""
    contact = site_contact()
    fallback = None
    for name in EXAMPLE_FIELDS:
        if contact[f"{name}_is_example"]:
            fallback = fallback if fallback is not None else settings_contact()
            contact[name] = fallback.get(name, "")
            contact[f"{name}_is_example"] = False
    return contact
