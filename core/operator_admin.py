"""The hosting operator's admin, at /admin/ of the operator's own host
(tienTan_portal/urls_operator.py): the centers, their host names and every center's staff
accounts. No center's content is edited here: that is done at the center's own host, where
its rows are the only ones (core.tenancy)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy

from core.admin import PortalAdminSite
from core.models import Center, CenterHost, Membership


class OperatorAdminSite(PortalAdminSite):
    site_header = gettext_lazy("Community learning centers: hosting")
    site_title = gettext_lazy("Hosting of the learning centers")
    index_title = gettext_lazy("Centers and accounts")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


operator_site = OperatorAdminSite(name="operator")


class CenterHostInline(admin.TabularInline):
    model = CenterHost
    extra = 1


@admin.register(Center, site=operator_site)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "commune", "province", "merged_into"]
    list_filter = ["province"]
    search_fields = ["name", "slug", "commune", "province", "hosts__host"]
    readonly_fields = ["merged_into"]
    inlines = [CenterHostInline]


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
