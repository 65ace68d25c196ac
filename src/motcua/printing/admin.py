"""Form templates in the admin: edit a form's body; restore the shipped original."""

from django import forms
from django.contrib import admin, messages

from .models import FormTemplate
from .shipped import SHIPPED, restore


class FormTemplateForm(forms.ModelForm):
    class Meta:
        model = FormTemplate
        fields = ["code", "name", "circular", "paper", "body"]
        widgets = {
            "body": forms.Textarea(
                attrs={
                    "rows": 40,
                    "cols": 120,
                    "spellcheck": "false",
                    "style": "font-family: monospace;",
                }
            )
        }


@admin.register(FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    form = FormTemplateForm
    list_display = ["code", "name", "circular", "paper", "updated_at"]
    list_filter = ["circular", "paper"]
    search_fields = ["code", "name"]
    actions = ["restore_shipped"]

    @admin.action(description="Khôi phục mẫu gốc")
    def restore_shipped(self, request, queryset):
        restored = [template.code for template in queryset if restore(template)]
        if restored:
            self.message_user(
                request, f"Đã khôi phục mẫu gốc: {', '.join(restored)}.", messages.SUCCESS
            )
        skipped = queryset.exclude(code__in=restored).count()
        if skipped:
            self.message_user(
                request, f"{skipped} mẫu không có bản gốc đi kèm phần mềm.", messages.WARNING
            )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would bypass the check below
        return actions

    def has_delete_permission(self, request, obj=None):
        # The shipped forms are printed by the office; they are restored, never deleted.
        if obj is not None and obj.code in SHIPPED:
            return False
        return super().has_delete_permission(request, obj)
