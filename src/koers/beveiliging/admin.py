"""Inlogblokkades for the beheerder: see who is blocked, lift a block early by deleting it.
Security keys: remove a lost one. Inschrijfcodes: make one for a medewerker's first second
factor (shown once, on the page after saving)."""

from django.contrib import admin
from django.template.response import TemplateResponse

from koers.beveiliging import inschrijven
from koers.beveiliging.models import Blokkade, Inschrijfcode, WebAuthnSleutel


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
    readonly_fields = [
        "user",
        "name",
        "confirmed",
        "credential_id",
        "sign_count",
        "aangemaakt",
        "laatst_gebruikt",
    ]
    exclude = ["public_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Inschrijfcode)
class InschrijfcodeAdmin(admin.ModelAdmin):
    """Adding asks only for the medewerker; the code is made, stored as a hash and shown once.
    Deleting an unused code withdraws it."""

    list_display = ["gebruiker", "aangemaakt", "aangemaakt_door", "geldig_tot", "gebruikt_op"]
    list_filter = [("gebruikt_op", admin.EmptyFieldListFilter)]
    search_fields = ["gebruiker__username", "gebruiker__first_name", "gebruiker__last_name"]
    autocomplete_fields = ["gebruiker"]
    readonly_fields = ["gebruiker", "aangemaakt", "aangemaakt_door", "geldig_tot", "gebruikt_op"]

    def get_fields(self, request, obj=None):
        return ["gebruiker"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        code, _obj = inschrijven.nieuwe_code(obj.gebruiker, door=request.user, bewaard=obj)
        request._koers_inschrijfcode = code

    def response_add(self, request, obj, post_url_continue=None):
        # Shown in this answer only: not in a message, which would sit in the session.
        return TemplateResponse(
            request,
            "admin/beveiliging/inschrijfcode/getoond.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Inschrijfcode gemaakt",
                "inschrijfcode": request._koers_inschrijfcode,
                "object": obj,
                "geldig_uren": int(inschrijven.GELDIG.total_seconds() // 3600),
            },
        )
