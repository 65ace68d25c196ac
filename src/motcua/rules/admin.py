from django.contrib import admin

from .models import RuleSet


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ("name", "valid_from", "valid_to", "counting", "classify_on", "forms_circular")
    fieldsets = (
        (None, {"fields": ("code", "name", "decree", "valid_from", "valid_to")}),
        (
            "Tham số",
            {
                "fields": (
                    "counting",
                    "supplement_requests",
                    "apologies",
                    "apology_lead_days",
                    "online_acceptance_hours",
                    "online_clock",
                    "classify_on",
                    "dossier_code_format",
                )
            },
        ),
        (
            "Biểu mẫu và báo cáo",
            {
                "fields": (
                    "forms_circular",
                    "forms_valid_from",
                    "forms",
                    "report_form",
                    "report_title",
                )
            },
        ),
        ("Căn cứ pháp lý", {"fields": ("sources",)}),
    )
