from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from motcua.ui.admin import FoldedSearchMixin

from .models import AddressChange, Agency, AgencyKind, Reorganisation, RoleAssignment, StaffProfile


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["agency"]
    fields = ["agency", "role", "acts_on_subordinates"]


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent", "successors"]


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    """Plans are recorded and carried out by `motcua agencies reorganise`; here they are read."""

    list_display = ["name", "effective_on", "applied_at", "source"]
    readonly_fields = [
        "name",
        "basis",
        "effective_on",
        "plan",
        "source",
        "recorded_at",
        "applied_at",
        "outcome",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AddressChange)
class AddressChangeAdmin(admin.ModelAdmin):
    list_display = ["old", "new", "agency", "effective_on"]
    search_fields = ["old", "new"]
    autocomplete_fields = ["agency"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline, RoleAssignmentInline]


admin.site.site_header = "motcua · Quản trị hệ thống một cửa điện tử"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị"
