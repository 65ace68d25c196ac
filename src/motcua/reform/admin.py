from django.contrib import admin

from .models import Course, Criterion, Event, Participant, Plan, Task


class TaskInline(admin.TabularInline):
    model = Task
    fields = ("number", "area", "title", "lead", "output", "starts_on", "working_days", "status")
    readonly_fields = ("status",)
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("year", "number", "agency", "title")
    inlines = [TaskInline]

    def save_formset(self, request, form, formset, change):
        # A task's deadline comes from the working calendar, never typed in.
        from .plan import task_due

        for task in formset.save(commit=False):
            task.due_at = task_due(task.lead, task.starts_on, task.working_days)
            task.save()
        formset.save_m2m()
        for removed in formset.deleted_objects:
            removed.delete()


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("year", "code", "name", "max_points", "measure")
    list_filter = ("year",)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "starts_on", "agency")
    inlines = [ParticipantInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "subject", "actor")
    search_fields = ("subject",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
