"""The outbox and the message texts in the admin (Vietnamese)."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from .models import Attempt, Message, MessageTemplate, Status
from .shipped import restore


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "subject", "body", "active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "cols": 100})}


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ["code", "channel", "name", "active", "updated_at"]
    list_filter = ["channel", "active"]
    search_fields = ["code", "name", "body"]
    readonly_fields = ["code", "channel", "variables"]
    fields = ["code", "channel", "name", "variables", "subject", "body", "active"]
    actions = ["restore_shipped"]

    @admin.action(description="Khôi phục mẫu gốc")
    def restore_shipped(self, request, queryset):
        restored = sum(restore(template) for template in queryset)
        self.message_user(request, f"Đã khôi phục {restored} mẫu gốc.", messages.SUCCESS)

    def has_add_permission(self, request):
        # Templates are tied to codes the software sends; new ones would never be used.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = ["at", "ok", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "template",
        "channel",
        "to",
        "status",
        "attempts",
        "next_attempt_at",
        "dossier",
    ]
    list_filter = ["status", "channel", "template"]
    search_fields = ["to", "subject", "dossier__code"]
    date_hierarchy = "created_at"
    list_select_related = ["dossier"]
    readonly_fields = [
        "channel",
        "to",
        "subject",
        "body",
        "template",
        "dossier",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    inlines = [AttemptInline]
    actions = ["send_again"]

    @admin.action(description="Gửi lại", permissions=["change"])
    def send_again(self, request, queryset):
        """Put the chosen messages back in the queue with a fresh set of attempts (the
        attempts already made stay in their log)."""
        count = queryset.update(status=Status.PENDING, attempts=0, next_attempt_at=timezone.now())
        self.message_user(request, f"Đã đưa {count} tin vào hàng đợi để gửi lại.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False
