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
# Manages the staff accounts of one center, in that center's own admin (core.admin_accounts).
CENTER_ADMIN = "Quản trị trung tâm"
# Reads the figures of the centers of one province (Membership.province) at the operator's
# host; signs in at no center's host and into no admin (core.centers.may_work_at,
# core.operator_admin). Its pages decide by the membership; the group holds no permission.
PROVINCE_VIEWER = "Theo dõi cấp tỉnh"

# The roles a center administrator may give, at their own center only.
CENTER_ROLES = (CENTER_STAFF, SCHOOL_STAFF, CENTER_ADMIN)

ALL = ("view", "add", "change", "delete")
EDIT = ("view", "add", "change")

# {group name: {app label: actions on every model of that app}}. A key "app_label.model" (the
# model's lower-case name) sets the actions on that one model instead of the app's.
ROLES = {
    CENTER_STAFF: {
        "news": ALL,
        "classes": ALL,
        "attendance": ALL,
        "survey": ALL,
        # Villagers' questions (/hoi-dap/): answered and published by the center.
        "questions": ALL,
        # The library of legal and planning documents (/van-ban/).
        "documents": ALL,
        # The center's work calendar: its meetings and events (/lich-cong-tac/).
        "agenda": ALL,
        # The center keeps its own profile and people, and publishes its own disclosures;
        # which organization's a member may touch is decided by Organization.staff_group
        # (organizations.models.OrganizationQuerySet.for_user).
        "organizations": EDIT,
        # ...and removes people who left its board or staff (its own organization only).
        "organizations.person": (*EDIT, "delete"),
        "disclosures": EDIT,
        # The commune's learning-community self-assessment (issue 8): the center prepares it.
        "assessment": EDIT,
        # The checklist itself is the national one (TT 25/2023), shared by every center the
        # deployment hosts: read here, corrected only by the hosting operator.
        "assessment.indicator": ("view",),
        # Of the shared tools, only this: pictures inserted into rich text with the editor's
        # button (core.RichTextImage).
        "core": (),
        "core.richtextimage": ("add",),
        # The commune's hamlets, offered by the enrollment form and the survey.
        "core.hamlet": ALL,
    },
    SCHOOL_STAFF: {
        # The school's profile and people, and its disclosure documents, which are kept at
        # least five years: nobody but an administrator deletes them (and nobody at all once
        # published).
        "organizations": EDIT,
        "disclosures": EDIT,
        # No "assessment": the learning-community self-assessment is the commune's and the
        # center's file, not the school's; school staff neither see nor change it.
        # A document's summary is rich text: pictures may be inserted into it too.
        "core": (),
        "core.richtextimage": ("add",),
    },
    CENTER_ADMIN: {
        # The accounts of their own center (core.admin_accounts keeps them to it): made,
        # changed, deactivated — never deleted (StampedModel keeps who did what) — and given
        # only CENTER_ROLES, never raw permissions or the operator's rights.
        "auth": (),
        "auth.user": EDIT,
    },
    PROVINCE_VIEWER: {},
}


def role_permissions(role, apps=global_apps):
    """The Permission rows the role grants, as a queryset."""
    Permission = apps.get_model("auth", "Permission")
    grants = ROLES[role]
    perms = Permission.objects.none()
    for key, actions in grants.items():
        app_label, _dot, model = key.partition(".")
        scope = Permission.objects.filter(content_type__app_label=app_label)
        if model:
            scope = scope.filter(content_type__model=model)
        else:  # the models named on their own follow their own entry
            named = [k.partition(".")[2] for k in grants if k.startswith(f"{app_label}.")]
            scope = scope.exclude(content_type__model__in=named)
        for action in actions:
            perms = perms | scope.filter(codename__startswith=f"{action}_")
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
