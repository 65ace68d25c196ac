from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from motcua.ui.admin import FoldedSearchMixin

from . import transfer
from .models import Field, FormField, Procedure, ProcedureVersion, ProcessStep, RequiredDocument
from .services import check_step_hours, publish


@admin.register(Field)
class FieldAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


class StepFormSet(forms.BaseInlineFormSet):
    """The steps must fit the legal time entered on the same page."""

    def clean(self):
        super().clean()
        if any(self.errors) or not hasattr(self.instance, "time_unit"):
            return
        hours = [
            form.cleaned_data["hours"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            check_step_hours(self.instance.time_quantity, self.instance.time_unit, hours)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    formset = StepFormSet
    extra = 0


class ProcedureVersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh mục (.json hoặc .xlsx)")


@admin.register(Procedure)
class ProcedureAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "field",
        "time_display",
        "online_level",
        "boundary_free",
        "active",
    ]
    list_filter = ["field", "agency_kinds", "online_level", "boundary_free", "time_unit", "active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["agency_kinds"]
    inlines = [RequiredDocumentInline, ProcessStepInline, FormFieldInline, ProcedureVersionInline]
    change_list_template = "admin/catalog/procedure/change_list.html"

    @admin.display(description="Thời hạn")
    def time_display(self, obj):
        return obj.time_display()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        version = publish(form.instance)
        messages.info(request, f"Phiên bản đang áp dụng: {version.number}.")

    def get_urls(self):
        own = [
            path(
                "export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="catalog_export",
            ),
            path("import/", self.admin_site.admin_view(self.import_view), name="catalog_import"),
        ]
        return own + super().get_urls()

    def export_view(self, request, fmt):
        data = transfer.export_catalog()
        if fmt == "xlsx":
            content = transfer.to_xlsx(data)
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content, kind, fmt = transfer.to_json(data), "application/json", "json"
        response = HttpResponse(content, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="danh-muc-thu-tuc.{fmt}"'
        return response

    def import_view(self, request):
        if not self.has_change_permission(request) or not self.has_add_permission(request):
            return redirect("admin:catalog_procedure_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                parse = (
                    transfer.from_xlsx
                    if upload.name.lower().endswith(".xlsx")
                    else transfer.from_json
                )
                counts = transfer.import_catalog(parse(content))
            except transfer.CatalogImportError as error:
                form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    f"Đã nhập {counts['procedures']} thủ tục, {counts['fields']} lĩnh vực; "
                    f"{counts['new_versions']} phiên bản mới.",
                )
                return redirect("admin:catalog_procedure_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Nhập danh mục thủ tục",
        }
        return render(request, "admin/catalog/procedure/import.html", context)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "number", "created_at"]
    search_fields = ["procedure__code", "procedure__name"]
    readonly_fields = ["procedure", "number", "created_at", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
