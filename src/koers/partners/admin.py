"""Functioneel beheer keeps the partner profiles and each gemeente's taakverdeling here.
Referrals are case data: read-only, changed only through the services (timeline, log)."""

from django.contrib import admin

from koers.partners.models import Partnerprofiel, Taakverdeling


@admin.register(Partnerprofiel)
class PartnerprofielAdmin(admin.ModelAdmin):
    list_display = ("organisatie", "keurmerk", "keurmerk_geldig_tot")
    list_filter = ("keurmerk",)


@admin.register(Taakverdeling)
class TaakverdelingAdmin(admin.ModelAdmin):
    list_display = ("gemeente", "taak", "schaal", "uitvoerder")
    list_filter = ("gemeente", "schaal")
    ordering = ("gemeente", "taak")
