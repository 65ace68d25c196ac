"""The connections in the admin: clients (created and revoked with `motcua apiclient`),
their calls, webhooks, the national portal's reconciliations, receipts and their series."""

from django.contrib import admin

from .models import (
    ApiCall,
    ApiClient,
    NationalDossier,
    PaymentReconciliation,
    PopulationLookup,
    Receipt,
    ReceiptSeries,
    Reconciliation,
    Subscription,
)


class ReadOnly(admin.ModelAdmin):
    """Records written by the system: looked at, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiClient)
class ApiClientAdmin(ReadOnly):
    list_display = ["name", "agency", "scopes", "token_prefix", "created_at", "revoked_at"]
    search_fields = ["name", "agency__name", "agency__code"]


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnly):
    list_display = ["at", "client", "method", "path", "status", "remote_addr"]
    list_filter = ["status", "method"]
    search_fields = ["path", "client__name"]
    date_hierarchy = "at"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "client", "active", "created_at"]
    list_filter = ["active"]
    fields = ["client", "url", "active", "created_at"]
    readonly_fields = ["client", "url", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(NationalDossier)
class NationalDossierAdmin(ReadOnly):
    list_display = ["national_code", "dossier", "inbound", "pushed_status", "confirmed_status"]
    search_fields = ["national_code", "dossier__code"]


@admin.register(Reconciliation)
class ReconciliationAdmin(ReadOnly):
    list_display = ["day", "ran_at", "local_count", "national_count", "matched", "resent"]
    date_hierarchy = "day"


@admin.register(PopulationLookup)
class PopulationLookupAdmin(ReadOnly):
    list_display = ["consent_at", "user", "id_number", "procedure", "found"]
    search_fields = ["id_number", "user__username"]


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(admin.ModelAdmin):
    list_display = ["template_code", "symbol", "agency", "last_number", "active"]
    readonly_fields = ["last_number"]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnly):
    list_display = ["series", "number", "payment", "issued_at"]
    search_fields = ["payment__reference", "payment__dossier__code"]


@admin.register(PaymentReconciliation)
class PaymentReconciliationAdmin(ReadOnly):
    list_display = [
        "day",
        "provider",
        "paid_count",
        "paid_amount",
        "received_count",
        "received_amount",
    ]
