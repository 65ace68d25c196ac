"""The e-office data an administrator edits: document kinds, issuers, peers. Documents and
registers change only through the pages (numbers are never typed by hand)."""

from django.contrib import admin

from .models import DocumentType, Issuer, Peer, Register


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["agency", "abbreviation", "place", "email"]
    search_fields = ["agency__name", "abbreviation"]
    autocomplete_fields = ["agency"]


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "url", "active"]
    search_fields = ["name", "code"]


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "direction", "last_number"]
    list_filter = ["direction", "year"]
    readonly_fields = ["agency", "year", "direction", "last_number"]

    def has_add_permission(self, request):
        return False
