from django.contrib import admin

from .models import AuditAnchor


@admin.register(AuditAnchor)
class AuditAnchorAdmin(admin.ModelAdmin):
    """Read only: anchors are written by `motcua audit anchor` and never changed."""

    list_display = ["day", "first_event_id", "last_event_id", "event_count", "digest"]
    readonly_fields = [field.name for field in AuditAnchor._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
