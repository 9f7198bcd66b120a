"""Inlogblokkades for the beheerder: see who is blocked, lift a block early by deleting it.
Security keys: remove a lost one."""

from django.contrib import admin

from koers.beveiliging.models import Blokkade, WebAuthnSleutel


@admin.register(Blokkade)
class BlokkadeAdmin(admin.ModelAdmin):
    list_display = ["soort", "sleutel", "tot"]
    list_filter = ["soort"]
    search_fields = ["sleutel"]
    readonly_fields = ["soort", "sleutel", "tot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebAuthnSleutel)
class WebAuthnSleutelAdmin(admin.ModelAdmin):
    """Only to see and remove keys (a lost key); adding one needs the user's own key."""

    list_display = ["user", "name", "aangemaakt", "laatst_gebruikt"]
    search_fields = ["user__username", "name"]
    readonly_fields = ["user", "name", "confirmed", "credential_id", "sign_count", "aangemaakt",
                       "laatst_gebruikt"]
    exclude = ["public_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
