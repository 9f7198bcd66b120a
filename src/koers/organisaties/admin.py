"""Functioneel beheer: organisations, users and their roles, delegations, and the figures of
the startnotitie. Personal data of inburgeraars is deliberately not in the admin: beheer has
no need to know it (koers.toegang.policy)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from koers.organisaties.models import (
    Arbeidsmarktregio,
    Budget,
    Delegatie,
    Gebruiker,
    Gemeente,
    Organisatie,
    Rol,
    Subregio,
    Taakstelling,
)


def _inloggen_via_koers(request, extra_context=None):
    """One login for everyone, with the second factor; the admin's own form has none."""
    volgende = request.GET.get("next", "/beheer/")
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = "/beheer/"
    return redirect(f"{reverse('web:login')}?next={volgende}")


admin.site.login = _inloggen_via_koers


@admin.register(Arbeidsmarktregio)
class ArbeidsmarktregioAdmin(admin.ModelAdmin):
    search_fields = ["naam"]


@admin.register(Subregio)
class SubregioAdmin(admin.ModelAdmin):
    list_display = ["naam", "arbeidsmarktregio"]
    search_fields = ["naam"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeentecode", "oin", "subregio", "arbeidsmarktregio"]
    list_filter = ["subregio", "arbeidsmarktregio"]
    list_select_related = ["organisatie", "subregio", "arbeidsmarktregio"]
    search_fields = ["organisatie__naam", "gemeentecode", "oin"]


@admin.register(Delegatie)
class DelegatieAdmin(admin.ModelAdmin):
    list_display = ["van", "aan", "taak", "ingangsdatum", "einddatum", "besluit_kenmerk"]
    list_select_related = ["van__organisatie", "aan__organisatie"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "rol_namen", "is_active"]
    list_filter = ["organisatie", "is_active", "is_demo_account"]
    list_select_related = ["organisatie"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Koers", {"fields": ["organisatie", "rollen", "is_demo_account"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Koers", {"fields": ["organisatie", "rollen"]}),
    ]

    @admin.display(description=_("Rollen"))
    def rol_namen(self, gebruiker):
        namen = dict(Rol.choices)
        return ", ".join(str(namen.get(rol, rol)) for rol in gebruiker.rollen or []) or "—"


@admin.register(Taakstelling)
class TaakstellingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "halfjaar", "aantal", "is_schatting"]
    list_filter = ["gemeente", "jaar"]


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "stroom", "bedrag"]
    list_filter = ["gemeente", "jaar", "stroom"]
