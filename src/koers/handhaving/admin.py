"""Functioneel beheer: the gemeente's handhavingsbeleid (the default amount of a boete).
The zaken themselves hold personal data and stay out of the admin (koers.toegang.policy)."""

from django.contrib import admin

from koers.handhaving.models import Handhavingsbeleid


@admin.register(Handhavingsbeleid)
class HandhavingsbeleidAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "standaard_boete"]
    list_select_related = ["gemeente__organisatie"]
