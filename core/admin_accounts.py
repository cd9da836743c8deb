"""The staff accounts of one center, in that center's own admin (/admin/auth/user/ at its host).

Who may open it: the center's administrators (group `core.roles.CENTER_ADMIN`, which holds
view/add/change on accounts) and the hosting operator. What it shows and allows is the same
for both, because at a center's host it is that center's page:

- only accounts whose workplace (core.Membership) is this center, never an operator account
  (superuser) nor a province account: nobody here can change the password of someone who
  has more rights than this center gives;
- an account made here works at this center (its Membership is made with it) and in the admin;
- the roles given are the center's own (`CENTER_ROLES`), never raw permissions, "staff" or
  superuser rights; roles given elsewhere (by the operator) are kept as they are;
- accounts are deactivated, never deleted (who published what stays on record);
- nobody changes their own roles or switches their own account off.

Accounts of every center, raw permissions, superusers and the province accounts are the
operator's, in the operator's admin (core.operator_admin). `CoreConfig.ready` puts this admin
in place of Django's on `admin.site` (see the note in core/admin.py).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import Membership
from core.roles import CENTER_ROLES
from core.tenancy import current_center


def accounts_of(queryset, center):
    """The accounts a center's own admin manages: its members, no superuser. None (no
    center current: a command, the operator's shell) manages nothing here."""
    if center is None:
        return queryset.none()
    return queryset.filter(membership__center=center, is_superuser=False)


class CenterUserAdmin(UserAdmin):
    list_display = ["username", "full_name", "email", "roles", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "email"]
    actions = ["deactivate"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Roles"), {"fields": ["is_active", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        # Always a password (no other way to sign in here): no "password-based: off" switch.
        (None, {"fields": ["username", "password1", "password2"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Roles"), {"fields": ["groups"]}),
    ]
    filter_horizontal = []

    def get_queryset(self, request):
        return accounts_of(
            super().get_queryset(request).prefetch_related("groups"), current_center()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_active", "groups"]  # nobody lifts their own rights
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=CENTER_ROLES).order_by("name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["help_text"] = _(
                "Center staff: news, classes, learners, the center's documents. School "
                "staff: the school's documents. Center administrator: these accounts."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_staff = True  # every role of a center works in the admin
        super().save_model(request, obj, form, change)
        if not change:
            Membership.objects.create(user=obj, center=current_center())

    def save_related(self, request, form, formsets, change):
        # The form offers only the center's roles: any other group the operator gave the
        # account is not the center administrator's to take away.
        kept = list(form.instance.groups.exclude(name__in=CENTER_ROLES)) if change else []
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    @admin.display(description=_("name"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    @admin.action(permissions=["change"], description=_("Deactivate the selected accounts"))
    def deactivate(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request,
                _("Your own account stays active: ask another administrator."),
                messages.WARNING,
            )
        accounts = list(queryset.exclude(pk=request.user.pk).filter(is_active=True))
        for account in accounts:
            account.is_active = False
            account.save(update_fields=["is_active"])
            self.log_change(request, account, [{"changed": {"fields": ["is_active"]}}])
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated: it can no longer sign in.",
                "%(count)d accounts deactivated: they can no longer sign in.",
                len(accounts),
            )
            % {"count": len(accounts)},
            messages.SUCCESS,
        )
