"""Forms of the netwerk pages. They check the shape of input; the rules stay in rules.py and
reach the user through ``Weigering``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl as _KoersStijl
from koers.inburgeraars.validatie import datumveld
from koers.netwerk import rules, services
from koers.netwerk.models import (
    BOEKING_STATUS_CHOICES,
    GESPREK_CHOICES,
    ROL_CHOICES,
    TAAL_SOORT_CHOICES,
    TOLK_SOORT_CHOICES,
    VERWIJZING_STATUS_CHOICES,
    WORKSHOP_CHOICES,
)

KIES = [("", _("Kies…"))]


class KoersStijl(_KoersStijl):
    """The web slice's style, plus an error text for amounts that does not ask for a whole
    number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = str(
                    _("Vul bij '%(label)s' een getal in, bijvoorbeeld 1,5.")
                ) % {"label": field.label}


def _getal(label, **kwargs):
    """An amount with a decimal comma ("1,5" as well as "1.5"). A text box, not a number box:
    a browser empties a number box whose value is written "1,5", and a second save would then
    lose the amount."""
    return forms.DecimalField(
        label=label,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


def _tekst(label, max_length=1000):
    return forms.CharField(
        label=label, max_length=max_length, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlaatsingForm(KoersStijl, forms.Form):
    startdatum = datumveld(_("In de instroomklas sinds"))
    geplande_einddatum = datumveld(
        _("Tot (verwachte start van de leerroute)"),
        help_text=_("De inburgeraar blijft in de klas tot de leerroute kan beginnen."),
    )
    toelichting = _tekst(_("Toelichting"))

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return rules.plaatsing_fouten(data.get("startdatum"), data.get("geplande_einddatum"))


class BeeindigForm(KoersStijl, forms.Form):
    einddatum = datumveld(_("Laatste dag in de instroomklas"))


class AanwezigheidForm(KoersStijl, forms.Form):
    week = datumveld(_("Week"), help_text=_("Een dag in de week. Koers neemt de maandag."))
    dagdelen_gepland = forms.IntegerField(
        label=_("Dagdelen gepland"), min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK
    )
    dagdelen_aanwezig = forms.IntegerField(
        label=_("Dagdelen aanwezig"), min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK
    )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        # Whether the week lies in the time in the klas needs the placement: the service.
        gepland, aanwezig = data.get("dagdelen_gepland"), data.get("dagdelen_aanwezig")
        if gepland is None or aanwezig is None:
            return {}
        return rules.aanwezigheid_fouten(gepland, aanwezig)


class WorkshopForm(KoersStijl, forms.Form):
    workshop = forms.ChoiceField(label=_("Workshop"), choices=KIES + WORKSHOP_CHOICES)
    datum = datumveld(_("Datum van de workshop"))

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.workshop_fouten(data.get("workshop"), data.get("datum"))


class BoekingForm(KoersStijl, forms.Form):
    tolk = forms.ChoiceField(label=_("Tolk"), choices=())
    gesprek = forms.ChoiceField(label=_("Voor welk gesprek"), choices=KIES + GESPREK_CHOICES)
    gesprek_omschrijving = forms.CharField(
        label=_("Omschrijving van het gesprek"),
        max_length=200,
        required=False,
        help_text=_("Alleen nodig bij 'Ander gesprek'."),
    )
    datum = datumveld(_("Datum van het gesprek"))
    duur_minuten = forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=rules.MIN_DUUR_MINUTEN,
        max_value=rules.MAX_DUUR_MINUTEN,
    )
    voortgangsgesprek_id = forms.IntegerField(
        label=_("Nummer van het voortgangsgesprek"),
        min_value=1,
        max_value=2_147_483_647,
        required=False,
        help_text=_("Alleen bij een voortgangsgesprek."),
    )

    def __init__(self, *args, tolken=(), traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self._tolken = {str(t.pk): t for t in tolken}
        self.fields["tolk"].choices = KIES + [
            (
                pk,
                f"{t.naam} ({', '.join(t.talen)}; {t.get_soort_display().lower()}, "
                f"€ {formats.localize(t.tarief_per_uur)} per uur)",
            )
            for pk, t in self._tolken.items()
        ]

    def clean_tolk(self):
        return self._tolken.get(self.cleaned_data.get("tolk") or "")

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.boeking_fouten(
            self.traject,
            tolk=data.get("tolk"),
            gesprek=data.get("gesprek") or "",
            datum=data.get("datum"),
            duur_minuten=data.get("duur_minuten"),
            gesprek_omschrijving=data.get("gesprek_omschrijving") or "",
            voortgangsgesprek_id=data.get("voortgangsgesprek_id"),
        )


class BoekingStatusForm(KoersStijl, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BOEKING_STATUS_CHOICES)
    duur_minuten = forms.IntegerField(
        label=_("Werkelijke duur in minuten"),
        min_value=rules.MIN_DUUR_MINUTEN,
        max_value=rules.MAX_DUUR_MINUTEN,
        required=False,
    )

    def __init__(self, *args, boeking=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.boeking = boeking

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.boeking is None:
            return {}
        return services.boeking_wijzigen_fouten(
            self.boeking, status=data.get("status"), duur_minuten=data.get("duur_minuten")
        )


class KoppelForm(KoersStijl, forms.Form):
    ervaringsdeskundige = forms.ChoiceField(label=_("Ervaringsdeskundige"), choices=())
    rol = forms.ChoiceField(label=_("Rol bij deze inburgeraar"), choices=KIES + ROL_CHOICES)
    sinds = datumveld(_("Sinds"))
    toelichting = _tekst(_("Toelichting"))

    def __init__(self, *args, personen=(), traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        rollen = dict(ROL_CHOICES)
        self._personen = {str(p.pk): p for p in personen}
        self.fields["ervaringsdeskundige"].choices = KIES + [
            (
                pk,
                f"{p.naam} ({', '.join(str(rollen.get(r, r)).lower() for r in p.rollen)}"
                f"{'; ' + ', '.join(p.talen) if p.talen else ''})",
            )
            for pk, p in self._personen.items()
        ]

    def clean_ervaringsdeskundige(self):
        return self._personen.get(self.cleaned_data.get("ervaringsdeskundige") or "")

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.koppelen_fouten(
            self.traject,
            ervaringsdeskundige=data.get("ervaringsdeskundige"),
            rol=data.get("rol"),
            sinds=data.get("sinds"),
        )


class KoppelingEindeForm(KoersStijl, forms.Form):
    tot = datumveld(_("Tot en met"))


def _uren(label, maximum):
    return _getal(
        label, min_value=0, max_value=maximum, max_digits=5, decimal_places=1, required=False
    )


class VerwijzingForm(KoersStijl, forms.Form):
    soort = forms.ChoiceField(label=_("Soort taalondersteuning"), choices=KIES + TAAL_SOORT_CHOICES)
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Bibliotheek Weert, Taalhuis Nederweert."),
    )
    datum = datumveld(_("Datum van de verwijzing"))
    status = forms.ChoiceField(label=_("Status"), choices=VERWIJZING_STATUS_CHOICES)
    uren_per_week = _uren(_("Uren per week"), rules.MAX_UREN_PER_WEEK)
    uren_totaal = _uren(_("Uren in totaal (tot nu toe)"), rules.MAX_UREN_TOTAAL)
    toelichting = _tekst(_("Toelichting"))

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.verwijzen_fouten(data)


class VerwijzingStandForm(KoersStijl, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=VERWIJZING_STATUS_CHOICES)
    uren_per_week = _uren(_("Uren per week"), rules.MAX_UREN_PER_WEEK)
    uren_totaal = _uren(_("Uren in totaal"), rules.MAX_UREN_TOTAAL)

    def __init__(self, *args, verwijzing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.verwijzing = verwijzing

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.verwijzing is None:
            return {}
        return services.verwijzen_fouten(data, self.verwijzing)


# --- registers ------------------------------------------------------------------------------


class _RegisterForm(KoersStijl, forms.Form):
    gemeente = forms.TypedChoiceField(label=_("Gemeente"), choices=(), coerce=int)
    naam = forms.CharField(label=_("Naam"), max_length=200)
    talen = forms.CharField(
        label=_("Talen"),
        max_length=500,
        help_text=_("Zet een komma tussen de talen. Bijvoorbeeld: Arabisch, Tigrinya"),
    )
    telefoon = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    actief = forms.BooleanField(label=_("Werkt nu voor de gemeente"), required=False, initial=True)

    def __init__(self, *args, gemeenten=(), instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        gemeenten = list(gemeenten)
        self._gemeenten = {g.pk: g for g in gemeenten}
        if len(gemeenten) <= 1:
            del self.fields["gemeente"]
        else:
            self.fields["gemeente"].choices = [(g.pk, g.naam) for g in gemeenten]

    def clean_gemeente(self):
        return self._gemeenten.get(self.cleaned_data.get("gemeente"))

    def clean_talen(self):
        return [t.strip() for t in self.cleaned_data["talen"].split(",") if t.strip()]

    # The service's check for this kind of entry: ``controle(data, bestaande_inschrijving)``.
    controle: Callable[[dict, Any], dict[str, str]]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        fouten = self.controle(data, self.instance)
        gemeente = data.get("gemeente")
        if self.instance is not None and gemeente and gemeente.pk != self.instance.gemeente_id:
            fouten["gemeente"] = str(
                _("De gemeente van een bestaande inschrijving kan niet veranderen.")
            )
        return fouten


class TolkForm(_RegisterForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=KIES + TOLK_SOORT_CHOICES)
    tarief_per_uur = _getal(
        _("Tarief per uur in euro"),
        min_value=0,
        max_value=rules.MAX_TARIEF,
        max_digits=7,
        decimal_places=2,
    )

    field_order = ["gemeente", "naam", "talen", "soort", "tarief_per_uur"]
    controle = staticmethod(services.tolk_fouten)


class ErvaringsdeskundigeForm(_RegisterForm):
    rollen = forms.MultipleChoiceField(
        label=_("Rollen"), choices=ROL_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["gemeente", "naam", "rollen", "talen"]
    controle = staticmethod(services.ervaringsdeskundige_fouten)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talen"].required = False
