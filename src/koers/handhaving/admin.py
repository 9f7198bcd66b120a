"""Functioneel beheer: the gemeente's handhavingsbeleid (the default amount of a boete, the
policy for asielstatushouders, the time for a written zienswijze).
The zaken themselves hold personal data and stay out of the admin (koers.toegang.policy)."""

from django.contrib import admin

from koers.handhaving.models import Handhavingsbeleid


@admin.register(Handhavingsbeleid)
class HandhavingsbeleidAdmin(admin.ModelAdmin):
    list_display = [
        "gemeente",
        "standaard_boete",
        "geen_boete_asielstatushouders",
        "zienswijze_weken",
    ]
    list_select_related = ["gemeente__organisatie"]
