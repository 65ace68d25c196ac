"""Administrators edit holidays, extra working days and working hours here; every save or
delete records a calendar change (see `signals`), so deadlines follow."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay, Weekday, WorkingSession


class YearListFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "is_working", "name", "source"]
    list_filter = [YearListFilter, "is_working"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    ordering = ["-date"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj: CalendarDay) -> str:
        return Weekday(obj.date.weekday()).label


@admin.register(WorkingSession)
class WorkingSessionAdmin(admin.ModelAdmin):
    list_display = ["agency_name", "weekday", "start", "end"]
    list_filter = ["weekday"]
    search_fields = ["agency__name", "agency__code"]
    autocomplete_fields = ["agency"]

    @admin.display(description=_("cơ quan"), ordering="agency__path")
    def agency_name(self, obj: WorkingSession) -> str:
        return str(obj.agency) if obj.agency_id else _("(mặc định toàn quốc)")
