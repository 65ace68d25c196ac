from django.contrib import admin

from .models import IndexInput, IndexMetric, ReportingRule


@admin.register(IndexMetric)
class IndexMetricAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group_name", "points", "source", "commune_applies")
    list_editable = ("points", "commune_applies")
    ordering = ("group", "order", "code")


@admin.register(IndexInput)
class IndexInputAdmin(admin.ModelAdmin):
    list_display = ("metric", "agency", "month", "numerator", "denominator")
    list_filter = ("metric", "month")
    autocomplete_fields = ("agency",)
    date_hierarchy = "month"


@admin.register(ReportingRule)
class ReportingRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "start_day")

    def has_add_permission(self, request):
        # One rule for the whole installation.
        return not ReportingRule.objects.exists()
