from django.contrib import admin

from .models import SignerConfig


@admin.register(SignerConfig)
class SignerConfigAdmin(admin.ModelAdmin):
    """Certificates are registered on the staff page (which reads them through their key);
    here an administrator reviews them and switches them off or on."""

    list_display = ["name", "owner", "backend", "subject", "valid_until", "signs_forms", "active"]
    list_filter = ["backend", "active", "signs_results", "signs_forms"]
    search_fields = ["name", "subject", "issuer", "agency__name", "user__username"]
    readonly_fields = ["certificate", "subject", "issuer", "serial", "valid_from", "valid_until"]
    raw_id_fields = ["agency", "user", "created_by"]
