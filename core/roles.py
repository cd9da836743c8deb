"""Staff roles, defined once and applied to the database after every `migrate`.

A role is a group name and, per app label, the actions its members may take on that app's
models. Apps are named by label (strings), so this ground-floor module imports none of them.
`apply_roles` sets each group's permissions to exactly what is written here: editing this file
and migrating is the only way roles change, and a permission added by hand in the admin is
undone at the next deploy.
"""

from django.apps import apps as global_apps

CENTER_STAFF = "Cán bộ trung tâm"
SCHOOL_STAFF = "Cán bộ nhà trường"

ALL = ("view", "add", "change", "delete")
EDIT = ("view", "add", "change")

# {group name: {app label: actions on every model of that app,
#               "app_label.model": actions on that one model}}
ROLES = {
    CENTER_STAFF: {
        "news": ALL,
        "classes": ALL,
        "attendance": ALL,
        # The center publishes its own disclosures; which organization's documents a member
        # may touch is decided by Organization.staff_group (see disclosures.admin).
        "disclosures": EDIT,
        # ...and removes people who left its board or staff (its own organization only).
        "disclosures.person": ("delete",),
    },
    SCHOOL_STAFF: {
        # Disclosure documents are kept at least five years: nobody but an administrator
        # deletes them (and nobody at all once published).
        "disclosures": EDIT,
    },
}


def role_permissions(role, apps=global_apps):
    """The Permission rows the role grants, as a queryset."""
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.none()
    for target, actions in ROLES[role].items():
        app_label, _dot, model = target.partition(".")
        for action in actions:
            if model:
                found = Permission.objects.filter(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            else:
                found = Permission.objects.filter(
                    content_type__app_label=app_label, codename__startswith=f"{action}_"
                )
            perms = perms | found
    return perms


def apply_roles(sender=None, apps=global_apps, using="default", **kwargs):
    """Create the staff groups and give each exactly the permissions ROLES lists."""
    try:
        Group = apps.get_model("auth", "Group")
    except LookupError:  # auth not migrated yet in this run
        return
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(role_permissions(role, apps=apps))
