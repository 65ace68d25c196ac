"""Dossiers in the admin are read-only: every change goes through the lifecycle."""

from django.contrib import admin

from .models import Dossier, DossierEvent


class EventInline(admin.TabularInline):
    model = DossierEvent
    fields = ["sequence", "at", "actor_name", "kind", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "applicant_name",
        "procedure",
        "status",
        "received_at",
        "due_at",
        "outcome",
    ]
    list_filter = ["status", "channel", "outcome", "receiving_agency"]
    search_fields = ["code", "applicant_name", "applicant_id_number", "applicant_phone"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
