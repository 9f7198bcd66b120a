"""Functioneel beheer sets the retention period per gemeente. The log itself (Verwerking) is
deliberately not registered: it cannot be changed, not even by beheer."""

from django.contrib import admin

from koers.verwerkingen.models import Bewaartermijn


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(admin.ModelAdmin):
    list_display = ("gemeente", "jaren", "log_extra_jaren")
