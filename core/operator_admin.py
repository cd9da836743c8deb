"""The hosting operator's admin, at /admin/ of the operator's own host
(tienTan_portal/urls_operator.py): the centers, their host names and every center's staff
accounts. No center's content is edited here: that is done at the center's own host, where
its rows are the only ones (core.tenancy)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy

from core.accounts import LoginForm
from core.admin import PortalAdminSite
from core.models import Center, CenterHost, Membership
from core.onboarding import center_provision, clean_host


class OperatorLoginForm(LoginForm):
    """Only the operator signs in here. A province's read-only account (which may work at
    this host, core.centers.may_work_at) is refused like a wrong password even if somebody
    ticked "staff" on it: it never gets a session of the admin."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise self.get_invalid_login_error()


class OperatorAdminSite(PortalAdminSite):
    site_header = gettext_lazy("Community learning centers: hosting")
    site_title = gettext_lazy("Hosting of the learning centers")
    index_title = gettext_lazy("Centers and accounts")
    login_form = OperatorLoginForm

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


operator_site = OperatorAdminSite(name="operator")


class CenterHostForm(forms.ModelForm):
    class Meta:
        model = CenterHost
        fields = ["host", "is_primary"]

    def clean_host(self):
        return clean_host(self.cleaned_data["host"])


class CenterHostInline(admin.TabularInline):
    model = CenterHost
    form = CenterHostForm
    extra = 1


@admin.register(Center, site=operator_site)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "commune", "province", "merged_into"]
    list_filter = ["province"]
    search_fields = ["name", "slug", "commune", "province", "hosts__host"]
    readonly_fields = ["merged_into"]
    inlines = [CenterHostInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # What `manage.py create_center` gives a center: categories, its organization...
            center_provision(form.instance)


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    extra = 1
    max_num = 1


@admin.register(User, site=operator_site)
class OperatorUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "is_active", "is_superuser", "membership"]
    list_filter = ["is_active", "is_superuser", "membership__center", "groups"]
    search_fields = ["username", "email", "first_name", "last_name"]


operator_site.register(Group, GroupAdmin)
