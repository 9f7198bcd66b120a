"""Functioneel beheer: the gemeente's begeleidingsbeleid (whom it ontzorgt, intensity per
zelfredzaamheid score, highest plausible payments). The cases themselves hold personal data
and stay out of the admin (koers.toegang.policy)."""

from django.contrib import admin

from koers.begeleiding.models import Begeleidingsbeleid


@admin.register(Begeleidingsbeleid)
class BegeleidingsbeleidAdmin(admin.ModelAdmin):
    list_display = [
        "gemeente",
        "contacten_1",
        "contacten_2",
        "contacten_3",
        "contacten_4",
        "max_huur",
        "max_energie_water",
        "max_zorgverzekering",
        "ontzorgen_groep",
    ]
    list_select_related = ["gemeente__organisatie"]
