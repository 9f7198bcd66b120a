"""Inlogblokkades for the beheerder: see who is blocked, lift a block early by deleting it."""

from django.contrib import admin

from koers.beveiliging.models import Blokkade


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
